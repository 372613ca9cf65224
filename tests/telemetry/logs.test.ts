import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushLogs } from '@/lib/log';
import { drainRecorded } from '@/lib/telemetry/record';
import { useTestEnv } from './support/env';

/**
 * Structured logs: one JSON object per line, the request id on every line logged while
 * serving a request, and no secret anywhere, whether it sits under a telling key or has
 * slipped into a message, an error or a URL.
 */

const API_KEY = 'factory-api-key-SECRET-0123456789';
const env = useTestEnv({ FACTORY_URL: 'http://127.0.0.1:1/factory', FACTORY_API_KEY: API_KEY, FACTORY_TIMEOUT_MS: '2000' });

const SECRETS = {
  bearer: 'bearer-token-SECRET-abc123',
  cookie: 'session-cookie-SECRET-def456',
  password: 'hunter2-SECRET-pass',
  dbPassword: 'db-SECRET-pw',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJTRUNSRVQifQ.c2lnbmF0dXJlLVNFQ1JFVA',
  query: 'query-SECRET-token',
  apiKey: API_KEY,
};

let server: Server;
let output: string[];

beforeAll(async () => {
  // A factory that refuses the key and, carelessly, echoes the Authorization header back.
  server = createServer((request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: `unknown vendor key: ${request.headers.authorization}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.FACTORY_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/factory`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  env.cleanup();
});

beforeEach(() => {
  output = [];
  const capture = (chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

/** Everything logged so far (calls are logged, and lines written, in batches). */
function flushed(): string {
  drainRecorded();
  flushLogs();
  return output.join('');
}

const lines = () =>
  flushed()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('logs', () => {
  it('carry the request id and never a secret, through a request, a factory call and an unhandled error', async () => {
    const { observeRequest } = await import('@/lib/telemetry/http');
    const { log } = await import('@/lib/log');
    const { toErrorResponse } = await import('@/lib/http/errors');
    const { orderPizza } = await import('@/lib/factory-client');
    const { PROBE_ORDER } = await import('@/lib/telemetry/probe');

    const request = new Request('http://localhost/api/order', {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRETS.bearer}`, cookie: `authjs.session-token=${SECRETS.cookie}`, 'x-request-id': 'req-logs-test-0001' },
    });
    const response = await observeRequest(request, { series: '/api/order', method: 'POST' }, async () => {
      log.info('login attempt', { email: 'd@jwt.com', password: SECRETS.password, headers: Object.fromEntries(request.headers) });
      log.info(`pizza ${SECRETS.jwt} issued`, { result: SECRETS.jwt, callback: `https://example.com/cb?token=${SECRETS.query}&page=2` });
      const result = await orderPizza(PROBE_ORDER);
      expect(result).toMatchObject({ ok: false, kind: 'rejected', status: 401 });
      if (!result.ok) log.warn('factory refused the order', { reason: result.message });
      const failure = toErrorResponse(new Error(`connect to postgres://app:${SECRETS.dbPassword}@db.internal/pizza failed (Bearer ${SECRETS.bearer})`));
      return Response.json(failure.body, { status: failure.status });
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('req-logs-test-0001');

    const text = flushed();
    for (const [name, secret] of Object.entries(SECRETS)) expect(text, `${name} leaked`).not.toContain(secret);

    const logged = lines();
    expect(logged.every((line) => line.reqId === 'req-logs-test-0001')).toBe(true);
    const byMsg = (msg: string) => logged.find((line) => line.msg === msg);
    expect(byMsg('login attempt')).toMatchObject({ email: 'd@jwt.com', password: '[redacted]', headers: { authorization: '[redacted]', cookie: '[redacted]' } });
    expect(byMsg('pizza [redacted] issued')).toMatchObject({ result: '[redacted]', callback: 'https://example.com/cb?token=[redacted]&page=2' });
    expect(byMsg('factory call')).toMatchObject({ level: 'warn', target: '/api/order', origin: 'live', method: 'POST', status: 401 });
    expect(byMsg('factory refused the order')).toMatchObject({ reason: 'unknown vendor key: Bearer [redacted]' });
    expect(byMsg('unhandled error')).toMatchObject({ level: 'error', err: { message: 'connect to postgres://app:[redacted]@db.internal/pizza failed (Bearer [redacted])' } });
    const access = byMsg('request');
    expect(access).toMatchObject({ level: 'warn', route: '/api/order', kind: 'api', method: 'POST', status: 500 });
    expect(typeof access?.durationMs).toBe('number');
  });

  it('makes up a request id when the caller sends none (or a suspicious one), and logs outside requests without one', async () => {
    const { observeRequest } = await import('@/lib/telemetry/http');
    const { log } = await import('@/lib/log');
    const send = (headers: Record<string, string>) =>
      observeRequest(new Request('http://localhost/api/status', { headers }), { series: '/api/status', method: 'GET' }, async () => new Response('ok'));
    const made = (await send({})).headers.get('x-request-id');
    const replaced = (await send({ 'x-request-id': 'evil" injected {}' })).headers.get('x-request-id');
    const madeId = /^[0-9a-f]{16}-[0-9a-z]+$/;
    expect(made).toMatch(madeId);
    expect(replaced).toMatch(madeId);
    expect(replaced).not.toBe(made);
    log.info('background work');
    const logged = lines();
    expect(logged.filter((l) => l.msg === 'request').map((l) => l.reqId)).toEqual(expect.arrayContaining([made, replaced]));
    expect(logged.find((l) => l.msg === 'background work')).not.toHaveProperty('reqId');
  });
  it('log errors by type and message, never with a stack, and take in console.error and console.warn the same way', async () => {
    const { captureConsoleErrors, log } = await import('@/lib/log');
    const failure = new TypeError(`fetch failed (Bearer ${SECRETS.bearer})`);
    log.error('background job failed', { err: failure });
    expect(lines().at(-1)).toMatchObject({ level: 'error', msg: 'background job failed', err: { type: 'TypeError', message: 'fetch failed (Bearer [redacted])' } });

    const original = { error: console.error, warn: console.warn };
    captureConsoleErrors();
    try {
      // As Next reports a bad server action: an error object, and a message with a stack in its text.
      console.error(new Error('The Server Reference ID did not match'));
      console.warn('%s failed:\n    at Object.get (/app/.next/server/chunks/1.js:1:2)\n    at next', `GET /api/order?token=${SECRETS.query}`);
      const [error, warn] = lines().slice(-2);
      expect(error).toMatchObject({ level: 'error', msg: 'console.error', text: 'Error: The Server Reference ID did not match' });
      expect(warn).toMatchObject({ level: 'warn', msg: 'console.warn', text: 'GET /api/order?token=[redacted] failed:' });
    } finally {
      Object.assign(console, original);
      delete (globalThis as { __jwtPizzaConsoleCaptured?: boolean }).__jwtPizzaConsoleCaptured;
    }
    expect(flushed()).not.toMatch(/\bat (Object\.get|new |async |\/)|\.js:\d+:\d+/);
  });

  it('stamps each line with its own millisecond as ISO time', async () => {
    const { log } = await import('@/lib/log');
    vi.useFakeTimers();
    try {
      for (const at of ['2026-01-01T00:00:00.005Z', '2026-01-01T00:00:00.045Z', '2026-01-01T00:00:00.999Z', '2026-01-01T00:00:01.000Z', '2026-12-31T23:59:59.120Z']) {
        vi.setSystemTime(new Date(at));
        log.info('tick');
        expect(lines().at(-1)).toMatchObject({ msg: 'tick', time: at });
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
