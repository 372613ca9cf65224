import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * Per-request context carried across awaits: the request id that every log line of the
 * request carries, and whether a factory call made for it ran out of its time budget.
 * The storage lives on globalThis so every route bundle and the logger share it.
 */

export interface RequestContext {
  requestId: string;
  factoryTimedOut: boolean;
}

const globalForContext = globalThis as unknown as { __jwtPizzaRequestContext?: AsyncLocalStorage<RequestContext> };

function storage(): AsyncLocalStorage<RequestContext> {
  globalForContext.__jwtPizzaRequestContext ??= new AsyncLocalStorage<RequestContext>();
  return globalForContext.__jwtPizzaRequestContext;
}

export const currentRequest = (): RequestContext | undefined => storage().getStore();

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage().run(context, fn);
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** Keeps a caller's (or proxy's) X-Request-Id when it looks like one, else makes a new one. */
export function requestIdFrom(header: string | null): string {
  return header && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Notes, for the request being served, that a factory call timed out. */
export function noteFactoryTimeout(): void {
  const context = currentRequest();
  if (context) context.factoryTimedOut = true;
}
