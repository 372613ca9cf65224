import 'server-only';
import { context, INVALID_SPAN_CONTEXT, trace, type Attributes, type Context, type Span, type SpanOptions, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { log } from '@/lib/log';
import { statusClassOf, type CallKind } from './labels';
import { trackCall } from './record';
import { ensureContextManager } from './request-context';

/**
 * Page requests and server actions, recorded through the same `trackCall` as everything else.
 *
 * Next.js traces each request it serves with one OpenTelemetry span of type
 * BaseServer.handleRequest, ending when the response is sent and carrying the route template
 * (`next.route`), method and status; this is documented in Next's OpenTelemetry guide. We
 * register a tracer that turns only those spans, and only for pages, into records: kind=page
 * for renders and navigations, kind=action for a POST to a page (a server action). /api
 * routes are recorded by their own wrapper and /factory is the factory's business, so both
 * are skipped, as are static files.
 *
 * Not the OpenTelemetry SDK: every other span Next starts gets one shared no-op span at no
 * cost, where the SDK would make ids, sample and switch contexts for each (about 0.1 ms a
 * request measured on GET /api/order/menu).
 */

const REQUEST_SPAN = 'BaseServer.handleRequest';
const SKIPPED_PATHS = /^\/(api|factory|_next)(\/|$)|\.[a-z0-9]+$/i;
const NO_OP_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

function pathOf(attributes: Attributes | undefined): string | undefined {
  const target = attributes?.['http.target'];
  return typeof target === 'string' ? target.split('?')[0] : undefined;
}

const kindOf = (method: string): CallKind => (method === 'POST' ? 'action' : 'page');

/** A page request's span: in flight from start, recorded under its route template at the end. */
function requestSpan(start: Attributes, path: string): Span {
  const attributes: Attributes = { ...start };
  const method = String(start['http.method'] ?? 'GET');
  // While in flight the series is the path; the route template is known only at the end.
  const tracker = trackCall({ kind: kindOf(method), series: path, method, origin: 'live' });
  const span: Span = {
    spanContext: () => INVALID_SPAN_CONTEXT,
    setAttribute: (key, value) => {
      if (value !== undefined) attributes[key] = value;
      return span;
    },
    setAttributes: (more) => {
      Object.assign(attributes, more);
      return span;
    },
    addEvent: () => span,
    addLink: () => span,
    addLinks: () => span,
    setStatus: () => span,
    updateName: () => span,
    recordException: () => undefined,
    isRecording: () => true,
    end: () => {
      const route = attributes['next.route'];
      const status = Number(attributes['http.status_code'] ?? 0);
      // Without a route template (a middleware-only pass) nothing is worth a series; a page
      // path rewritten to an API route (proxy.ts) is recorded by the API wrapper.
      if (typeof route !== 'string' || SKIPPED_PATHS.test(route)) tracker.discard();
      else tracker.end({ status: statusClassOf(status), httpStatus: status }, route);
    },
  };
  return span;
}

/** Next may nest a second request span inside the first (one pass for middleware, one to render): one record per request. */
const insideRequest = (parent: Context) => trace.getSpan(parent)?.isRecording() === true;

function startSpan(_name: string, options?: SpanOptions, parent: Context = context.active()): Span {
  const attributes = options?.attributes;
  const path = pathOf(attributes);
  if (attributes?.['next.span_type'] !== REQUEST_SPAN || path === undefined || SKIPPED_PATHS.test(path) || insideRequest(parent)) return NO_OP_SPAN;
  return requestSpan(attributes, path);
}

/** Only a recorded request span becomes the active span; for the rest there is nothing to switch. */
const startActiveSpan = ((name: string, ...rest: unknown[]) => {
  const fn = rest[rest.length - 1] as (span: Span) => unknown;
  const options = rest.length > 1 ? (rest[0] as SpanOptions) : undefined;
  const parent = rest.length > 2 ? (rest[1] as Context) : context.active();
  const span = startSpan(name, options, parent);
  return span === NO_OP_SPAN ? fn(span) : context.with(trace.setSpan(parent, span), () => fn(span));
}) as Tracer['startActiveSpan'];

const pageTracer: Tracer = { startSpan, startActiveSpan };

/** The tracer provider that turns Next's per-request spans for pages into records. */
export const pageTracerProvider = (): TracerProvider => ({ getTracer: () => pageTracer });

const globalForTracing = globalThis as unknown as { __jwtPizzaPageTracing?: boolean };

export function startPageTracing(): void {
  if (globalForTracing.__jwtPizzaPageTracing) return;
  globalForTracing.__jwtPizzaPageTracing = true;
  // Next reads the route template from its root span's attributes, which need a context manager.
  ensureContextManager();
  if (!trace.setGlobalTracerProvider(pageTracerProvider())) {
    log.warn('page tracing not started: another OpenTelemetry tracer provider is registered');
  }
}
