import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * Per-request context carried across awaits: the request id that every log line of the
 * request carries, whether a factory call made for it ran out of its time budget, and
 * whether the REST wrapper records it (so the page recorder does not record it twice).
 *
 * One plain AsyncLocalStorage on globalThis, shared by every route bundle and the logger.
 * The page recorder (page-recording.ts) enters it once per HTTP request; the REST wrapper
 * reuses that context, and runs its own only outside an HTTP server (tests).
 */

export interface RequestContext {
  requestId: string;
  factoryTimedOut: boolean;
  /** Set by the REST wrapper: the request is recorded as kind=api. */
  recordedAsApi?: boolean;
}

const globalForContext = globalThis as unknown as {
  __jwtPizzaRequestStore?: AsyncLocalStorage<RequestContext>;
  __jwtPizzaRequestIds?: { prefix: string; last: number };
};
const store = (globalForContext.__jwtPizzaRequestStore ??= new AsyncLocalStorage<RequestContext>());
/**
 * Made-up request ids are a random prefix per process and a counter, as Fastify's and
 * pino-http's are: unique across instances by the prefix, and far cheaper than a UUID per
 * request (about 3 µs of a cached request in a CPU profile under load).
 */
const madeIds = (globalForContext.__jwtPizzaRequestIds ??= { prefix: randomBytes(8).toString('hex'), last: 0 });

export const currentRequest = (): RequestContext | undefined => store.getStore();

export function runInRequest<T>(request: RequestContext, fn: () => T): T {
  return store.run(request, fn);
}

/**
 * Stops the request context until the next request enters one (the bench's telemetry switch,
 * start.ts): an enabled AsyncLocalStorage costs on every promise, even with no store, so the
 * switch's "off" must not keep it enabled.
 */
export function disableRequestContext(): void {
  store.disable();
}

/** Makes `request` the context of the current synchronous execution and everything it starts (an HTTP request's start). */
export function enterRequest(request: RequestContext): void {
  store.enterWith(request);
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** Keeps a caller's (or proxy's) X-Request-Id when it looks like one, else makes a new one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && SAFE_REQUEST_ID.test(header) ? header : `${madeIds.prefix}-${(++madeIds.last).toString(36)}`;
}

/** Notes, for the request being served, that a factory call timed out. */
export function noteFactoryTimeout(): void {
  const request = currentRequest();
  if (request) request.factoryTimedOut = true;
}
