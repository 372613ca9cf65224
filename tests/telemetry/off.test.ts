import { afterAll, describe, expect, it } from 'vitest';
import { useTestEnv } from './support/env';

/** TELEMETRY=off (the overhead benchmark's baseline): nothing is tracked, recorded or served. */

const env = useTestEnv({ TELEMETRY: 'off' });
afterAll(() => env.cleanup());

describe('TELEMETRY=off', () => {
  it('tracks and records nothing, and the request passes straight through', async () => {
    const { observeRequest } = await import('@/lib/telemetry/http');
    const { trackCall, recordCall, telemetryRuntime } = await import('@/lib/telemetry/record');
    const { inFlightSummary, REQUEST_KINDS } = await import('@/lib/telemetry/inflight');
    const { serveMetrics } = await import('@/lib/telemetry/metrics-endpoint');
    let seenInFlight = -1;
    const response = await observeRequest(new Request('http://localhost/api/order/menu'), { series: '/api/order/menu', method: 'GET' }, async () => {
      seenInFlight = inFlightSummary(REQUEST_KINDS).count;
      return new Response('ok');
    });
    expect(seenInFlight).toBe(0);
    expect(response.headers.get('x-request-id')).toBeNull();
    trackCall({ kind: 'factory', series: '/api/order', method: 'POST', origin: 'probe' }).end({ status: '2xx' });
    recordCall({ kind: 'api', series: '/x', method: 'GET', origin: 'live', status: '2xx', timedOut: false, startedAt: Date.now(), durationMs: 1 });
    expect(telemetryRuntime().aggregator.buckets.size).toBe(0);
    expect((await serveMetrics(new Request('http://localhost/api/metrics'))).status).toBe(404);
  });

  it('background jobs skip their runs while telemetry is off, and run once it is switched on (the bench toggle)', async () => {
    const { every, stopJob } = await import('@/lib/telemetry/schedule');
    const { telemetryRuntime } = await import('@/lib/telemetry/record');
    let runs = 0;
    every('test-off-job', 20, async () => {
      runs++;
    });
    try {
      await new Promise((r) => setTimeout(r, 120));
      expect(runs).toBe(0);
      telemetryRuntime().enabled = true;
      await new Promise((r) => setTimeout(r, 120));
      expect(runs).toBeGreaterThan(0);
    } finally {
      telemetryRuntime().enabled = false;
      stopJob('test-off-job');
    }
  });
});
