import { context, createContextKey } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { randomUUID } from 'node:crypto';

/**
 * Per-request context carried across awaits: the request id that every log line of the
 * request carries, and whether a factory call made for it ran out of its time budget.
 *
 * It rides on OpenTelemetry's context, whose AsyncLocalStorage-based manager the page tracer
 * needs anyway: one async-local store for both, because each extra store costs something
 * on every promise the process creates. The OpenTelemetry globals live on globalThis, so every
 * route bundle and the logger share them.
 */

export interface RequestContext {
  requestId: string;
  factoryTimedOut: boolean;
}

const REQUEST = createContextKey('jwt-pizza.request');
const globalForContext = globalThis as unknown as { __jwtPizzaContextManager?: boolean };

/** Installs the async-local context manager once per process (a no-op if another is installed). */
export function ensureContextManager(): void {
  if (globalForContext.__jwtPizzaContextManager) return;
  globalForContext.__jwtPizzaContextManager = true;
  const manager = new AsyncLocalStorageContextManager();
  if (context.setGlobalContextManager(manager.enable())) return;
  manager.disable();
}

export const currentRequest = (): RequestContext | undefined => context.active().getValue(REQUEST) as RequestContext | undefined;

export function runInRequest<T>(request: RequestContext, fn: () => T): T {
  ensureContextManager();
  return context.with(context.active().setValue(REQUEST, request), fn);
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** Keeps a caller's (or proxy's) X-Request-Id when it looks like one, else makes a new one. */
export function requestIdFrom(header: string | null): string {
  return header && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Notes, for the request being served, that a factory call timed out. */
export function noteFactoryTimeout(): void {
  const request = currentRequest();
  if (request) request.factoryTimedOut = true;
}
