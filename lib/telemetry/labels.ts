/**
 * What a recorded call is: its kind, series (route template or factory target), method,
 * status class and origin. Shared by the server and the latency page, so no server imports.
 */

/** api: REST routes; page: page renders and navigations; action: server actions; factory: calls to the factory. */
export type CallKind = 'api' | 'page' | 'action' | 'factory';
/** Stored rows also hold 'inflight': per-second samples of the oldest in-flight call's age. */
export type BucketKind = CallKind | 'inflight';
/** live: customer and worker traffic; probe: the synthetic canary order; smoke: the test after a factory change. */
export type CallOrigin = 'live' | 'probe' | 'smoke';
/** timeout: no answer within the time budget; error: no answer at all (network, bad pizza). */
export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'timeout' | 'error';

export interface CallLabels {
  kind: CallKind;
  series: string;
  method: string;
  origin: CallOrigin;
}

/** The in-flight series: the oldest factory call, and the oldest request (API, page or action). */
export type InFlightSeries = 'factory' | 'requests';

export function statusClassOf(httpStatus: number): StatusClass {
  if (httpStatus >= 100 && httpStatus < 600) return `${Math.floor(httpStatus / 100)}xx` as StatusClass;
  return 'error';
}

const ERROR_CLASSES: ReadonlySet<string> = new Set<StatusClass>(['5xx', 'timeout', 'error']);
const SUCCESS_CLASSES: ReadonlySet<string> = new Set<StatusClass>(['1xx', '2xx', '3xx']);

/**
 * Failures count towards the error rate. A request's 4xx is its caller's mistake and does not;
 * a factory call that is not answered with success is a failed order, whatever the status.
 */
export const isFailure = (kind: string, status: string): boolean =>
  kind === 'factory' ? !SUCCESS_CLASSES.has(status) : ERROR_CLASSES.has(status);
