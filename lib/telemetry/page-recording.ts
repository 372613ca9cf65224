import 'server-only';
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { log } from '@/lib/log';
import { statusClassOf, type CallKind } from './labels';
import { telemetryEnabled, trackCall } from './record';
import { enterRequest, requestIdFrom, type RequestContext } from './request-context';

/**
 * Every HTTP request the server takes, seen through Node's `http.server.request.start`
 * diagnostics channel (published just before the server's 'request' event):
 * - it gets its request context (request id from X-Request-Id or made up), entered once here,
 *   so every log line of the request carries the id and the REST wrapper reuses it, and the
 *   response carries the id in its X-Request-Id header;
 * - a page request (kind=page) or server action (a POST to a page, kind=action) is in flight
 *   from here and recorded when its response closes, under its route template.
 * /api routes are recorded by their wrapper, /factory is the factory's business, static files
 * are skipped. A page path rewritten to an API route (next.config.js) is recorded by its wrapper.
 *
 * Why not Next's OpenTelemetry spans: once a tracer provider is registered, Next routes about a
 * dozen spans per request through it, each with extra async-context switches and promise
 * chains, on API requests too. That cost about 0.1–0.2 ms of CPU per request; this costs a
 * listener and a Map entry per page request.
 */

const SKIPPED_PATHS = /^\/(api|factory|_next)(\/|$)|\.[a-z0-9]+$/i;
const NOT_FOUND_ROUTE = '/_not-found';

interface RoutesManifest {
  staticRoutes?: { page: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
}

/** path → route template, as Next matches them: static routes exactly, then the dynamic ones in the manifest's order. */
export function routeMatcher(manifest: RoutesManifest): (pathname: string) => string {
  const statics = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  const dynamics = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  return (pathname) => {
    const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    if (statics.has(trimmed)) return trimmed;
    return dynamics.find((r) => r.regex.test(trimmed))?.page ?? NOT_FOUND_ROUTE;
  };
}

/** The production build's routes (`.next/routes-manifest.json`); without one (next dev), every path is its own series. */
function builtRouteMatcher(): (pathname: string) => string {
  try {
    const file = path.join(/* turbopackIgnore: true */ process.cwd(), '.next', 'routes-manifest.json');
    return routeMatcher(JSON.parse(readFileSync(file, 'utf8')) as RoutesManifest);
  } catch {
    return (pathname) => pathname;
  }
}

const kindOf = (method: string): CallKind => (method === 'POST' ? 'action' : 'page');

export interface RequestObserver {
  /** Called at the start of each HTTP request; returns its context. */
  start(request: IncomingMessage, response: ServerResponse): RequestContext;
}

/** The per-request work, apart from the channel (tests drive it with plain node:http objects). */
export function requestObserver({ pages, routeOf }: { pages: boolean; routeOf: (pathname: string) => string }): RequestObserver {
  return {
    start(request, response) {
      const url = request.url ?? '/';
      const query = url.indexOf('?');
      const pathname = query === -1 ? url : url.slice(0, query);
      const header = request.headers['x-request-id'];
      const requestId = requestIdFrom(typeof header === 'string' ? header : undefined);
      // On the Node response, not the route's Response: cheaper, and pages carry it too.
      response.setHeader('X-Request-Id', requestId);
      const context: RequestContext = { requestId, factoryTimedOut: false };
      enterRequest(context);
      if (!pages || SKIPPED_PATHS.test(pathname)) return context;
      const method = request.method ?? 'GET';
      // While in flight the series is the path; the route template is looked up at the end.
      const tracker = trackCall({ kind: kindOf(method), series: pathname, method, origin: 'live' });
      response.once('close', () => {
        // A page path rewritten to a route handler (GET / for API clients) is recorded by its wrapper.
        if (context.recordedAsApi) return tracker.discard();
        const status = response.statusCode;
        const detail = response.writableFinished ? undefined : 'client closed';
        tracker.end({ status: statusClassOf(status), httpStatus: status, detail, requestId }, routeOf(pathname));
      });
      return context;
    },
  };
}

const globalForRecording = globalThis as unknown as { __jwtPizzaRequestObserver?: boolean };

/** Subscribes once per process. `pages` off keeps the request context and leaves pages unrecorded. */
export function startRequestObservation(pages: boolean): void {
  if (globalForRecording.__jwtPizzaRequestObserver) return;
  globalForRecording.__jwtPizzaRequestObserver = true;
  const observer = requestObserver({ pages, routeOf: builtRouteMatcher() });
  subscribe('http.server.request.start', (message) => {
    if (!telemetryEnabled()) return;
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    try {
      observer.start(request, response);
    } catch (error) {
      log.error('request observation failed', { err: error });
    }
  });
}
