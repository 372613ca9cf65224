import type { Instrumentation } from 'next';

/** Runs once when a server process starts: migrate, seed, start telemetry and the embedded factory. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startApp } = await import('@/lib/startup');
  await startApp();
}

/** Every error a page, server action or route throws, as one structured log line (secrets redacted). */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('@/lib/log');
  log.error('unhandled request error', {
    err: error,
    method: request.method,
    path: request.path.split('?')[0],
    route: context.routePath,
    routeType: context.routeType,
    requestId: request.headers['x-request-id'],
  });
};
