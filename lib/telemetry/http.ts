import { statusClassOf } from './labels';
import { telemetryEnabled, trackCall } from './record';
import { currentRequest, requestIdFrom, runInRequest, type RequestContext } from './request-context';

/**
 * Serves one route-handler request under observation: a request id (kept from X-Request-Id
 * or made up) for every log line and the response header, in-flight tracking while it runs,
 * and one record when it ends. Used by the REST wrapper and the few handlers outside it.
 *
 * Inside the HTTP server the request's context already exists (page-recording.ts enters it
 * when the request arrives); it is claimed here so the request is recorded once, as kind=api.
 * Outside one (tests, a second handler in the same request) a context of its own is run.
 */
export function observeRequest(
  request: Request,
  route: { series: string; method: string },
  respond: () => Promise<Response>,
): Promise<Response> {
  // Not async itself: one promise and async frame less per request; observe() is the one.
  if (!telemetryEnabled()) return respond();
  const entered = currentRequest();
  if (entered && !entered.recordedAsApi) {
    entered.recordedAsApi = true;
    // The HTTP server's response already carries the id (page-recording.ts).
    return observe(entered, route, respond, false);
  }
  const context: RequestContext = { requestId: requestIdFrom(request.headers.get('x-request-id')), factoryTimedOut: false, recordedAsApi: true };
  return runInRequest(context, () => observe(context, route, respond, true));
}

async function observe(
  context: RequestContext,
  route: { series: string; method: string },
  respond: () => Promise<Response>,
  setIdHeader: boolean,
): Promise<Response> {
  const tracker = trackCall({ kind: 'api', series: route.series, method: route.method, origin: 'live' });
  let response: Response;
  try {
    response = await respond();
  } catch (error) {
    tracker.end({ status: '5xx', httpStatus: 500, timedOut: context.factoryTimedOut, detail: 'exception', requestId: context.requestId });
    throw error;
  }
  tracker.end({ status: statusClassOf(response.status), httpStatus: response.status, timedOut: context.factoryTimedOut, requestId: context.requestId });
  if (!setIdHeader) return response;
  try {
    response.headers.set('X-Request-Id', context.requestId);
  } catch {
    // Some responses (e.g. a fetch passthrough) have immutable headers; the log still has the id.
  }
  return response;
}

type Handler<R extends Request, C> = (request: R, context: C) => Promise<Response>;

/** Wraps a route handler that does not go through the REST wrapper. */
export function observed<R extends Request, C>(series: string, handler: Handler<R, C>): Handler<R, C> {
  return (request, context) => observeRequest(request, { series, method: request.method }, () => handler(request, context));
}
