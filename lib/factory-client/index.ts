import 'server-only';
import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { env } from '@/lib/env';
import { statusClassOf, type CallOrigin } from '@/lib/telemetry/labels';
import { trackCall, type CallOutcome } from '@/lib/telemetry/record';
import { noteFactoryTimeout } from '@/lib/telemetry/request-context';
import { throughBreaker } from './breaker';

/**
 * The store's one door to the pizza factory. Everything goes over HTTP to FACTORY_URL, with
 * a time budget that really aborts the request when it runs out. Every call is tracked while
 * in flight and recorded when it ends (lib/telemetry/record.ts).
 */

export interface PizzaOrder {
  diner: { id: number; name: string; email: string };
  order: { id: number; franchiseId: number; storeId: number; items: { menuId: number; description: string; price: number }[] };
}

export type FactoryFailure =
  | { kind: 'timeout'; message: string }
  | { kind: 'circuit_open'; message: string }
  | { kind: 'rejected'; status: number; message: string }
  | { kind: 'unreachable'; message: string }
  | { kind: 'bad_pizza'; message: string };

export type FactoryResult = { ok: true; jwt: string; reportUrl?: string } | ({ ok: false } & FactoryFailure);

const orderReply = z.object({ jwt: z.string().min(1), reportUrl: z.string().optional() });
const errorReply = z.object({ message: z.string() }).partial();

async function post(path: string, body: unknown, headers: Record<string, string> = {}, deadline = Date.now() + env().factoryTimeoutMs): Promise<Response> {
  return fetch(`${env().factoryUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
    cache: 'no-store',
  });
}

function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException('budget spent', 'TimeoutError')), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

function describeFetchError(error: unknown): FactoryFailure {
  if ((error instanceof DOMException && error.name === 'TimeoutError') || error instanceof joseErrors.JWKSTimeout) {
    return { kind: 'timeout', message: `the factory did not answer within ${env().factoryTimeoutMs} ms` };
  }
  return { kind: 'unreachable', message: 'the factory could not be reached' };
}

function outcomeOf(result: FactoryResult): CallOutcome {
  if (result.ok) return { status: '2xx', httpStatus: 200 };
  switch (result.kind) {
    case 'timeout':
      return { status: 'timeout', timedOut: true };
    case 'rejected':
      return { status: statusClassOf(result.status), httpStatus: result.status };
    default:
      return { status: 'error', detail: result.kind };
  }
}

/** Tracks one factory call from start to end; notes a timeout on the request being served. */
async function tracked(series: string, origin: CallOrigin, call: () => Promise<FactoryResult>): Promise<FactoryResult> {
  const tracker = trackCall({ kind: 'factory', series, method: 'POST', origin });
  let result: FactoryResult;
  try {
    result = await call();
  } catch (error) {
    tracker.end({ status: 'error', detail: 'exception' });
    throw error;
  }
  tracker.end(outcomeOf(result));
  if (!result.ok && result.kind === 'timeout') noteFactoryTimeout();
  return result;
}

export interface CallOptions {
  /** probe, smoke: synthetic orders, labelled so they never count as sales. */
  origin?: CallOrigin;
  /** When the whole call must be over (epoch ms); by default the time budget from now. A
   * customer's request passes the budget counted from its own start, so its wait stays within it. */
  deadline?: number;
  /** false: call even while the circuit is open, and do not count towards it (the smoke test
   * after a configuration change tests the new configuration, not the recent past). */
  breaker?: boolean;
}

/**
 * Asks the factory to make and sign a pizza, within the time budget and through the circuit
 * breaker. While the circuit is open it answers at once without calling the factory.
 */
export function orderPizza(request: PizzaOrder, options: CallOptions = {}): Promise<FactoryResult> {
  const call = () => tracked('/api/order', options.origin ?? 'live', () => orderPizzaOnce(request, options.deadline ?? Date.now() + env().factoryTimeoutMs));
  if (options.breaker === false) return call();
  return throughBreaker(call, () => ({ ok: false, kind: 'circuit_open', message: 'the factory is failing; orders wait in the queue until it recovers' }));
}

/**
 * One untracked order with a generous deadline, so that the first measured calls after a start
 * do not include loading the factory's route and keys (which would page on every deploy).
 */
export async function warmUp(request: PizzaOrder, timeoutMs = 30_000): Promise<boolean> {
  return (await orderPizzaOnce(request, Date.now() + timeoutMs)).ok;
}

/** One call, then a check of the pizza's signature against the factory's JWKS. */
async function orderPizzaOnce(request: PizzaOrder, deadline: number): Promise<FactoryResult> {
  let response: Response;
  try {
    response = await post('/api/order', request, { Authorization: `Bearer ${env().factoryApiKey}` }, deadline);
  } catch (error) {
    return { ok: false, ...describeFetchError(error) };
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = errorReply.safeParse(body).data?.message ?? `factory answered ${response.status}`;
    return { ok: false, kind: 'rejected', status: response.status, message };
  }
  const parsed = orderReply.safeParse(body);
  if (!parsed.success) return { ok: false, kind: 'bad_pizza', message: 'the factory answered without a pizza' };
  try {
    // The signature check shares the call's budget, so a slow JWKS cannot stretch the wait.
    await withDeadline(verifyPizzaSignature(parsed.data.jwt), deadline);
  } catch (error) {
    if (error instanceof DOMException || error instanceof joseErrors.JWKSTimeout) return { ok: false, ...describeFetchError(error) };
    return { ok: false, kind: 'bad_pizza', message: 'the factory returned a pizza whose signature does not verify' };
  }
  return { ok: true, jwt: parsed.data.jwt, reportUrl: parsed.data.reportUrl };
}

const globalForJwks = globalThis as unknown as { __jwtPizzaJwks?: { url: string; set: ReturnType<typeof createRemoteJWKSet> } };

function jwks() {
  const url = `${env().factoryUrl}/.well-known/jwks.json`;
  if (globalForJwks.__jwtPizzaJwks?.url !== url) {
    globalForJwks.__jwtPizzaJwks = {
      url,
      set: createRemoteJWKSet(new URL(url), {
        timeoutDuration: env().factoryTimeoutMs,
        cooldownDuration: 5_000,
        [customFetch]: trackedJwksFetch,
      }),
    };
  }
  return globalForJwks.__jwtPizzaJwks.set;
}

/** The JWKS download, tracked like every other factory call. */
async function trackedJwksFetch(url: string, init: RequestInit): Promise<Response> {
  const tracker = trackCall({ kind: 'factory', series: '/.well-known/jwks.json', method: 'GET', origin: 'live' });
  try {
    const response = await fetch(url, init);
    tracker.end({ status: statusClassOf(response.status), httpStatus: response.status });
    return response;
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    tracker.end(timedOut ? { status: 'timeout', timedOut } : { status: 'error', detail: 'unreachable' });
    throw error;
  }
}

/** Verifies a pizza locally against the factory's published keys. */
export async function verifyPizzaSignature(jwt: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(jwt, jwks(), { algorithms: ['RS256'] });
  return payload;
}

export type FactoryVerdict = { valid: true; payload: unknown } | { valid: false; message: string };

/** Asks the factory itself whether a pizza is genuine, as the original front ends do. */
export async function verifyAtFactory(jwt: string): Promise<FactoryVerdict> {
  const tracker = trackCall({ kind: 'factory', series: '/api/order/verify', method: 'POST', origin: 'live' });
  try {
    const response = await post('/api/order/verify', { jwt });
    const body = (await response.json().catch(() => ({}))) as { message?: string; payload?: unknown };
    tracker.end({ status: statusClassOf(response.status), httpStatus: response.status });
    if (response.ok && body.message === 'valid') return { valid: true, payload: body.payload };
    if (response.status === 403) return { valid: false, message: 'the factory says this pizza is not genuine' };
    return { valid: false, message: body.message ?? `the factory answered ${response.status}` };
  } catch (error) {
    const failure = describeFetchError(error);
    tracker.end(failure.kind === 'timeout' ? { status: 'timeout', timedOut: true } : { status: 'error', detail: failure.kind });
    if (failure.kind === 'timeout') noteFactoryTimeout();
    return { valid: false, message: failure.message };
  }
}
