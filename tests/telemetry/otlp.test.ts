import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from './support/env';

/** The optional OTLP/HTTP push, against a local collector stand-in. */

const env = useTestEnv();
let server: Server;
const received: { url: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=collector%20secret,x-tenant=pizza',
    OTEL_METRIC_EXPORT_INTERVAL: '60000',
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  env.cleanup();
});

describe('OTLP metric push', () => {
  it('is configured from the standard variables and pushes the factory histogram to /v1/metrics', async () => {
    const { env: config } = await import('@/lib/env');
    const { startOtlpPush, stopOtlpPush } = await import('@/lib/telemetry/otlp');
    const { recordCall } = await import('@/lib/telemetry/record');
    const otlp = config().telemetry.otlp;
    expect(otlp).toMatchObject({ headers: { 'x-collector-key': 'collector secret', 'x-tenant': 'pizza' }, intervalMs: 60_000, serviceName: 'jwt-pizza' });
    await startOtlpPush(otlp!);
    recordCall({ kind: 'factory', series: '/api/order', method: 'POST', origin: 'probe', status: '2xx', httpStatus: 200, timedOut: false, startedAt: Date.now(), durationMs: 32_000 });
    await stopOtlpPush(); // shutting down flushes at once
    expect(received).toHaveLength(1);
    const [push] = received;
    expect(push!.url).toBe('/v1/metrics');
    expect(push!.headers).toMatchObject({ 'x-collector-key': 'collector secret', 'x-tenant': 'pizza' });
    const body = push!.body.toString('latin1');
    for (const name of ['jwt_pizza.factory.call.duration', 'jwt_pizza.factory.oldest_in_flight', 'jwt_pizza.factory.breaker_open', 'jwt-pizza']) expect(body).toContain(name);
  });
});
