import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTestEnv } from './support/env';

/**
 * Pages and server actions are recorded from Next's per-request span. Here the spans are made
 * the way Next makes them (type BaseServer.handleRequest, http.target and http.method at
 * start; next.route and http.status_code set before the end).
 */

const env = useTestEnv();
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => env.cleanup());

async function setup() {
  const { pageTracerProvider } = await import('@/lib/telemetry/page-tracing');
  const { inFlightSummary, REQUEST_KINDS } = await import('@/lib/telemetry/inflight');
  const { addSink } = await import('@/lib/telemetry/record');
  const recorded: { kind: string; series: string; method: string; status: string; durationMs: number }[] = [];
  addSink('test', (call) => recorded.push(call));
  const tracer = pageTracerProvider().getTracer('next.js');
  const request = (target: string, method = 'GET') =>
    tracer.startSpan(method, { attributes: { 'next.span_type': 'BaseServer.handleRequest', 'http.target': target, 'http.method': method } });
  return { tracer, request, recorded, inFlight: () => inFlightSummary(REQUEST_KINDS) };
}

describe('page and server action recording', () => {
  it('tracks a page while it renders and records it under its route template', async () => {
    const { request, recorded, inFlight } = await setup();
    const span = request('/franchise/7?tab=stores');
    expect(inFlight()).toMatchObject({ count: 1, oldest: { kind: 'page', series: '/franchise/7', method: 'GET' } });
    span.setAttributes({ 'next.route': '/franchise/[id]', 'http.status_code': 200 });
    span.end();
    expect(inFlight().count).toBe(0);
    expect(recorded).toEqual([expect.objectContaining({ kind: 'page', series: '/franchise/[id]', method: 'GET', status: '2xx' })]);
  });

  it('records a POST to a page as a server action', async () => {
    const { request, recorded } = await setup();
    const span = request('/checkout', 'POST');
    span.setAttributes({ 'next.route': '/checkout', 'http.status_code': 303 });
    span.end();
    expect(recorded).toEqual([expect.objectContaining({ kind: 'action', series: '/checkout', method: 'POST', status: '3xx' })]);
  });

  it('leaves API routes to their wrapper, the factory to the factory, and static files and route-less passes alone', async () => {
    const { request, recorded, inFlight, tracer } = await setup();
    for (const target of ['/api/order', '/factory/api/order', '/_next/static/chunks/x.js', '/favicon.svg']) {
      const span = request(target);
      expect(span.isRecording()).toBe(false);
      span.end();
    }
    const rewritten = request('/');
    rewritten.setAttributes({ 'next.route': '/api/status', 'http.status_code': 200 });
    rewritten.end();
    const middlewareOnly = request('/menu');
    middlewareOnly.end();
    const other = tracer.startSpan('render route (app)', { attributes: { 'next.span_type': 'AppRender.getBodyResult' } });
    expect(other.isRecording()).toBe(false);
    other.end();
    expect(recorded).toEqual([]);
    expect(inFlight().count).toBe(0);
  });

  it('records a request once when Next nests a second request span inside the first', async () => {
    const { tracer, recorded } = await setup();
    const { ensureContextManager } = await import('@/lib/telemetry/request-context');
    ensureContextManager();
    const attributes = { 'next.span_type': 'BaseServer.handleRequest', 'http.target': '/menu', 'http.method': 'GET' };
    await tracer.startActiveSpan('GET', { attributes }, async (outer) => {
      await tracer.startActiveSpan('GET', { attributes }, async (inner) => {
        expect(inner.isRecording()).toBe(false);
        inner.end();
      });
      outer.setAttributes({ 'next.route': '/menu', 'http.status_code': 200 });
      outer.end();
    });
    expect(recorded).toEqual([expect.objectContaining({ kind: 'page', series: '/menu' })]);
  });
});
