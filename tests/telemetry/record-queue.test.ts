import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useMigratedTestEnv } from './support/env';

/**
 * Finished calls leave the in-flight registry at once and are aggregated, exported and logged in
 * batches shortly after; whoever reads the recorded calls (the flush, the Prometheus scrape) sees
 * every call that has ended, queued or not.
 */

useMigratedTestEnv();

const factoryCall = { kind: 'factory', series: '/api/order', method: 'POST', origin: 'live' } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the record queue', () => {
  it('takes a call out of flight at once and aggregates it within a moment, by itself', async () => {
    const { trackCall, telemetryRuntime } = await import('@/lib/telemetry/record');
    const { inFlightSummary, FACTORY_KINDS } = await import('@/lib/telemetry/inflight');
    const { aggregator } = telemetryRuntime();
    const before = aggregator.current.size;
    const call = trackCall({ ...factoryCall, series: '/queued-alone' });
    expect(inFlightSummary(FACTORY_KINDS).count).toBe(1);
    call.end({ status: '2xx', httpStatus: 200 });
    expect(inFlightSummary(FACTORY_KINDS).count).toBe(0);
    await sleep(200);
    expect(aggregator.current.size).toBe(before + 1);
  });

  it('is drained by the flush and the scrape, so neither misses a call that has just ended', async () => {
    const { trackCall } = await import('@/lib/telemetry/record');
    const { flushTelemetry } = await import('@/lib/telemetry/flush');
    const { metricsExposition } = await import('@/lib/telemetry/prometheus');
    const { getDb } = await import('@/lib/db');
    trackCall({ ...factoryCall, series: '/just-ended' }).end({ status: '2xx', httpStatus: 200 });
    const { body } = await metricsExposition();
    expect(body).toMatch(/jwt_pizza_factory_call_duration_seconds_count\{[^}]*target="\/just-ended"[^}]*\} 1/);
    trackCall({ ...factoryCall, series: '/just-ended' }).end({ status: '5xx', httpStatus: 503 });
    await flushTelemetry(getDb());
    const rows = await getDb().latencyBucket.findMany({ where: { series: '/just-ended', resolution: 10 } });
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(2);
  });

  it('logs the calls that ended just before the process exits', () => {
    const script = path.join(import.meta.dirname, 'support', 'exit-after-call.ts');
    const stdout = execFileSync(process.execPath, ['--conditions', 'react-server', '--import', 'tsx', script], { encoding: 'utf8', env: process.env });
    expect(stdout).toContain('"target":"/last-words"');
  });
});
