import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTestEnv } from './support/env';

/**
 * Pages and server actions are recorded from the HTTP server's side: in flight from the
 * request's arrival, recorded under the route template when the response closes. Here a plain
 * node:http server plays Next: each request goes through the observer first, then a handler
 * that answers like a page, an API route (through the REST wrapper's observeRequest) or hangs.
 */

const env = useTestEnv();
const MANIFEST = {
  staticRoutes: [{ page: '/' }, { page: '/checkout' }, { page: '/menu' }, { page: '/api/status' }],
  dynamicRoutes: [{ page: '/franchise/[id]', regex: '^/franchise/([^/]+?)(?:/)?$' }],
};

let server: Server;
let url: string;
let release: () => void = () => undefined;

beforeAll(async () => {
  const { requestObserver, routeMatcher } = await import('@/lib/telemetry/page-recording');
  const { observeRequest } = await import('@/lib/telemetry/http');
  const observer = requestObserver({ pages: true, routeOf: routeMatcher(MANIFEST) });
  // As Next does, a Response's headers are set on the Node response (the request id among them, if any).
  const headersOf = (answer: Response) => Object.fromEntries(answer.headers);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    // next.config.js rewrites an API client's GET / to /api/status, served in the same request.
    const rewritten = path === '/' && !String(request.headers.accept).includes('text/html');
    if (rewritten || path === '/api/status') {
      const answer = await observeRequest(new Request(`${url}/api/status`, { headers: request.headers as Record<string, string> }), { series: '/api/status', method: 'GET' }, async () => Response.json({ ok: true }));
      response.writeHead(answer.status, headersOf(answer)).end(await answer.text());
      return;
    }
    if (path === '/menu?slow') await new Promise<void>((resolve) => (release = resolve));
    response.writeHead(path.startsWith('/nowhere') ? 404 : request.method === 'POST' ? 303 : 200).end('page');
  };
  server = createServer((request, response) => {
    observer.start(request, response);
    void handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  env.cleanup();
});

async function recorder() {
  const { addSink } = await import('@/lib/telemetry/record');
  const { inFlightSummary, REQUEST_KINDS } = await import('@/lib/telemetry/inflight');
  const recorded: { kind: string; series: string; method: string; status: string; requestId?: string }[] = [];
  addSink('test', (call) => recorded.push(call));
  return { recorded, inFlight: () => inFlightSummary(REQUEST_KINDS) };
}

/** The responses' 'close' events have run, and the calls they ended are drained to the sinks. */
async function settled() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const { drainRecorded } = await import('@/lib/telemetry/record');
  drainRecorded();
}

describe('page and server action recording', () => {
  it('tracks a page while it renders and records it under its route template, with the request id', async () => {
    const { recorded, inFlight } = await recorder();
    const slow = fetch(`${url}/menu?slow`, { headers: { 'x-request-id': 'page-request-0001' } });
    await vi.waitFor(() => expect(inFlight()).toMatchObject({ count: 1, oldest: { kind: 'page', series: '/menu', method: 'GET' } }));
    expect(recorded).toEqual([]);
    release();
    await (await slow).text();
    await (await fetch(`${url}/franchise/7?tab=stores`)).text();
    await settled();
    expect(inFlight().count).toBe(0);
    expect(recorded).toEqual([
      expect.objectContaining({ kind: 'page', series: '/menu', method: 'GET', status: '2xx', requestId: 'page-request-0001' }),
      expect.objectContaining({ kind: 'page', series: '/franchise/[id]', method: 'GET', status: '2xx' }),
    ]);
  });

  it('records a POST to a page as a server action, and an unknown page as /_not-found', async () => {
    const { recorded } = await recorder();
    await (await fetch(`${url}/checkout`, { method: 'POST', redirect: 'manual' })).text();
    await (await fetch(`${url}/nowhere/at/all`)).text();
    await settled();
    expect(recorded).toEqual([
      expect.objectContaining({ kind: 'action', series: '/checkout', method: 'POST', status: '3xx' }),
      expect.objectContaining({ kind: 'page', series: '/_not-found', method: 'GET', status: '4xx' }),
    ]);
  });

  it('leaves API routes to their wrapper (once, with one request id, also when a page path is rewritten to one), and skips static files', async () => {
    const { recorded, inFlight } = await recorder();
    const rewritten = await fetch(`${url}/`, { headers: { accept: 'application/json', 'x-request-id': 'api-request-0001' } });
    expect(rewritten.headers.get('x-request-id')).toBe('api-request-0001');
    await rewritten.text();
    // Without an id from the caller, the one made up at arrival is the record's and the response's.
    const unnamed = await fetch(`${url}/`, { headers: { accept: 'application/json' } });
    const madeUp = unnamed.headers.get('x-request-id');
    expect(madeUp).toMatch(/^[0-9a-f]{16}-[0-9a-z]+$/);
    await unnamed.text();
    for (const path of ['/_next/static/chunks/x.js', '/icon.svg', '/factory/api/order']) await (await fetch(`${url}${path}`)).text();
    await settled();
    expect(recorded).toEqual([
      expect.objectContaining({ kind: 'api', series: '/api/status', requestId: 'api-request-0001' }),
      expect.objectContaining({ kind: 'api', series: '/api/status', requestId: madeUp }),
    ]);
    expect(inFlight().count).toBe(0);
  });

  it('matches routes as Next does: static first, trailing slash ignored, dynamic in order', async () => {
    const { routeMatcher } = await import('@/lib/telemetry/page-recording');
    const routeOf = routeMatcher(MANIFEST);
    expect(['/', '/menu/', '/franchise/12', '/franchise/12/x'].map(routeOf)).toEqual(['/', '/menu', '/franchise/[id]', '/_not-found']);
  });
});
