import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { expect } from 'vitest';
import { call, type Target } from './support';

/**
 * Helpers for the tests that drive the real factory over HTTP (factory-config, resilience,
 * two-workers): polling with a deadline, timing a request, the server's JSON log lines, and
 * the webhook signature computed independently of the app's code.
 */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `read` until `done` holds, or fails after `timeoutMs` showing the last value read. */
export async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 1_000)}`);
    }
    await sleep(everyMs);
  }
}

/** Runs `fn` and says how long it took, in ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** The server's structured log: one JSON object per line (other lines, e.g. Next's banner, skipped). */
export function logEntries(file: string): Record<string, any>[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, any>];
      } catch {
        return []; // a line cut short by SIGKILL
      }
    });
}

/** How many `order fulfilled` lines name each order id, over the given log files. */
export function fulfilledLogCounts(files: string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const entry of files.flatMap(logEntries)) {
    if (entry.msg === 'order fulfilled') counts.set(entry.orderId, (counts.get(entry.orderId) ?? 0) + 1);
  }
  return counts;
}

/**
 * The `order fulfilled` lines per order id once each of `ids` has one, and counted again a
 * little later, so that a second line for an order is seen too: servers write their logs in
 * batches, every 50 ms.
 */
export async function fulfilledLogCountsOnceWritten(ids: number[], files: string[]): Promise<Map<number, number>> {
  await until('an order fulfilled line for each order', async () => fulfilledLogCounts(files), (counts) => ids.every((id) => counts.has(id)), 5_000, 100);
  await sleep(250);
  return fulfilledLogCounts(files);
}

/** The webhook signature as documented: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + '.' + body)>`. */
export function expectedSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks a received signature header against the body, computing the HMAC here. */
export function signatureVerifies(secret: string, body: string, header: string | undefined): boolean {
  const timestamp = Number(/(?:^|,)t=(\d+)(?:,|$)/.exec(header ?? '')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  return header === expectedSignature(secret, timestamp, body);
}

/** A pizza request as a vendor sends it straight to the factory. */
export function pizzaRequest(orderId: number) {
  return {
    diner: { id: 7, name: 'pizza diner', email: 'd@jwt.com' },
    order: { id: orderId, franchiseId: 1, storeId: 1, items: [{ menuId: 1, description: 'Veggie', price: 0.0038 }] },
  };
}

/** The factory's published keys, and a verifier built on them alone (as any third party would). */
export async function verifyWithJwks(t: Target, jwt: string): Promise<{ payload: JWTPayload; kid: string | undefined }> {
  const jwks = await call(t, 'GET', '/factory/.well-known/jwks.json');
  expect(jwks.status).toBe(200);
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks.body), { algorithms: ['RS256'] });
  return { payload, kid: protectedHeader.kid };
}

/** A client for the factory's admin API (`Authorization: Bearer <FACTORY_ADMIN_KEY>`). */
export function factoryAdmin(t: Target, adminKey: string) {
  return (method: string, path: string, body?: unknown) => call(t, method, `/factory/api${path}`, { token: adminKey, body });
}

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
