import { statusClassOf } from './labels';
import { telemetryEnabled, trackCall } from './record';
import { requestIdFrom, runInRequest, type RequestContext } from './request-context';

/**
 * Serves one route-handler request under observation: a request id (kept from X-Request-Id
 * or made up) for every log line and the response header, in-flight tracking while it runs,
 * and one record when it ends. Used by the REST wrapper and the few handlers outside it.
 */
export async function observeRequest(
  request: Request,
  route: { series: string; method: string },
  respond: () => Promise<Response>,
): Promise<Response> {
  if (!telemetryEnabled()) return respond();
  const context: RequestContext = { requestId: requestIdFrom(request.headers.get('x-request-id')), factoryTimedOut: false };
  return runInRequest(context, async () => {
    const tracker = trackCall({ kind: 'api', series: route.series, method: route.method, origin: 'live' });
    let response: Response;
    try {
      response = await respond();
    } catch (error) {
      tracker.end({ status: '5xx', httpStatus: 500, timedOut: context.factoryTimedOut, detail: 'exception' });
      throw error;
    }
    tracker.end({ status: statusClassOf(response.status), httpStatus: response.status, timedOut: context.factoryTimedOut });
    try {
      response.headers.set('X-Request-Id', context.requestId);
    } catch {
      // Some responses (e.g. a fetch passthrough) have immutable headers; the log still has the id.
    }
    return response;
  });
}

type Handler<R extends Request, C> = (request: R, context: C) => Promise<Response>;

/** Wraps a route handler that does not go through the REST wrapper. */
export function observed<R extends Request, C>(series: string, handler: Handler<R, C>): Handler<R, C> {
  return (request, context) => observeRequest(request, { series, method: request.method }, () => handler(request, context));
}
