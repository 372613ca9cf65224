import 'server-only';
import { context, trace, type Attributes, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { SamplingDecision, TracerProvider, type ReadableSpan, type Sampler, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { log } from '@/lib/log';
import { statusClassOf, type CallKind } from './labels';
import { trackCall, type CallTracker } from './record';

/**
 * Page requests and server actions, recorded through the same `trackCall` as everything else.
 *
 * Next.js traces each request it serves with one OpenTelemetry span of type
 * BaseServer.handleRequest, ending when the response is sent and carrying the route template
 * (`next.route`), method and status; this is documented in Next's OpenTelemetry guide. We
 * register a tracer that keeps only those spans (every other span is a no-op) and turn each
 * into one record: kind=page for renders and navigations, kind=action for a POST to a page
 * (a server action). /api routes are recorded by their own wrapper and /factory is the
 * factory's business, so both are skipped here, as are static files.
 */

const REQUEST_SPAN = 'BaseServer.handleRequest';
const SKIPPED_PATHS = /^\/(api|factory|_next)(\/|$)|\.[a-z0-9]+$/i;

function pathOf(attributes: Attributes): string | undefined {
  const target = attributes['http.target'];
  return typeof target === 'string' ? target.split('?')[0] : undefined;
}

function kindOf(method: unknown): CallKind {
  return method === 'POST' ? 'action' : 'page';
}

/** Records only Next's per-request spans, and only for page routes. */
const pageRequestsOnly: Sampler = {
  shouldSample(_context: Context, _traceId: string, _name: string, _kind: unknown, attributes: Attributes) {
    const path = pathOf(attributes);
    const wanted = attributes['next.span_type'] === REQUEST_SPAN && path !== undefined && !SKIPPED_PATHS.test(path);
    return { decision: wanted ? SamplingDecision.RECORD : SamplingDecision.NOT_RECORD };
  },
  toString: () => 'PageRequestsOnly',
};

function pageRecorder(): SpanProcessor {
  const trackers = new WeakMap<object, CallTracker>();
  return {
    onStart(span: Span) {
      const method = String(span.attributes['http.method'] ?? 'GET');
      // While in flight the series is the path; the route template is known only at the end.
      trackers.set(span, trackCall({ kind: kindOf(method), series: pathOf(span.attributes) ?? '(unknown)', method, origin: 'live' }));
    },
    onEnd(span: ReadableSpan) {
      const tracker = trackers.get(span);
      const route = span.attributes['next.route'];
      const status = Number(span.attributes['http.status_code'] ?? 0);
      // Without a route template (a static file, a middleware-only pass) nothing is worth a
      // series; a page path rewritten to an API route (proxy.ts) is recorded by the API wrapper.
      if (typeof route !== 'string' || SKIPPED_PATHS.test(route)) tracker?.discard();
      else tracker?.end({ status: statusClassOf(status), httpStatus: status }, route);
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

const globalForTracing = globalThis as unknown as { __jwtPizzaPageTracing?: boolean };

/** A tracer provider that turns Next's per-request spans for pages into records. */
export const pageTracerProvider = () => new TracerProvider({ sampler: pageRequestsOnly, spanProcessors: [pageRecorder()] });

export function startPageTracing(): void {
  if (globalForTracing.__jwtPizzaPageTracing) return;
  globalForTracing.__jwtPizzaPageTracing = true;
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(contextManager) || !trace.setGlobalTracerProvider(pageTracerProvider())) {
    log.warn('page tracing not started: another OpenTelemetry SDK is registered');
  }
}
