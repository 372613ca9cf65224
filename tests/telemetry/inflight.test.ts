import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from './support/env';

/**
 * A factory call that hangs must be visible while it hangs: in this process's in-flight
 * registry, in the heartbeat other instances read, in the Prometheus gauge and in the stored
 * "oldest in flight" series. A real local HTTP server that never answers plays the factory.
 */

const BUDGET_MS = 4_000;
const env = useTestEnv({ FACTORY_URL: 'http://127.0.0.1:1/factory', FACTORY_API_KEY: 'k'.repeat(32), FACTORY_TIMEOUT_MS: String(BUDGET_MS) });

let server: Server;
let arrivals: IncomingMessage[] = [];
let arrived: () => void = () => undefined;

beforeAll(async () => {
  server = createServer((request) => {
    // Never answers: the call hangs until the client's time budget aborts it.
    arrivals.push(request);
    arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.FACTORY_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/factory`;
  const { migrate } = await import('@/lib/db/migrate');
  await migrate('sqlite', env.databaseUrl);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  const { getDb } = await import('@/lib/db');
  await getDb().$disconnect();
  env.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a hanging factory call', () => {
  it('is visible with its age while it hangs, everywhere other code looks, and recorded as a timeout when the budget ends it', async () => {
    const { orderPizza } = await import('@/lib/factory-client');
    const { PROBE_ORDER } = await import('@/lib/telemetry/probe');
    const { FACTORY_KINDS, inFlightSummary } = await import('@/lib/telemetry/inflight');
    const { beat, recentInstances } = await import('@/lib/telemetry/heartbeat');
    const { flushTelemetry } = await import('@/lib/telemetry/flush');
    const { inFlightPoints, mergedOver } = await import('@/lib/telemetry/query');
    const { metricsExposition } = await import('@/lib/telemetry/prometheus');
    const { quantiles } = await import('@/lib/telemetry/sketch');
    const { getDb } = await import('@/lib/db');
    const db = getDb();

    const reachedFactory = new Promise<void>((resolve) => (arrived = resolve));
    const startedAt = Date.now();
    const call = orderPizza(PROBE_ORDER, { origin: 'probe' });
    await reachedFactory;
    expect(arrivals).toHaveLength(1);
    expect(arrivals[0]!.headers.authorization).toBe(`Bearer ${'k'.repeat(32)}`);
    await sleep(1_600);

    // 1. This process's registry, before the call has completed.
    let settled = false;
    void call.then(() => (settled = true));
    const local = inFlightSummary(FACTORY_KINDS);
    expect(settled).toBe(false);
    expect(local.count).toBe(1);
    expect(local.oldest).toMatchObject({ kind: 'factory', series: '/api/order', origin: 'probe' });
    expect(Date.now() - local.oldestStartedAt!).toBeGreaterThanOrEqual(1_500);

    // 2. The heartbeat row other instances read.
    await beat(db);
    const [me] = await recentInstances(db);
    expect(me).toMatchObject({ factoryInFlight: 1, stale: false, breaker: { state: 'closed' } });
    expect(me!.factoryOldestAgeMs).toBeGreaterThanOrEqual(1_500);
    expect(me!.factoryOldestAgeMs).toBeLessThan(BUDGET_MS);

    // 3. The Prometheus gauges.
    const { body } = await metricsExposition();
    expect(body).toMatch(/^jwt_pizza_factory_calls_in_flight 1$/m);
    const age = Number(body.match(/^jwt_pizza_factory_oldest_in_flight_seconds (\S+)$/m)?.[1]);
    expect(age).toBeGreaterThanOrEqual(1.5);

    // 4. The stored "oldest in flight" series, once flushed.
    await flushTelemetry(db);
    const window = { resolution: 10 as const, from: startedAt - 20_000, to: Date.now() + 1 };
    const points = await inFlightPoints(db, window);
    expect(Math.max(...points.factoryMs.map((v) => v ?? 0))).toBeGreaterThanOrEqual(1_500);
    expect(settled).toBe(false);

    // When the budget runs out the call ends as a timeout, leaves the registry and is recorded.
    const result = await call;
    expect(result).toMatchObject({ ok: false, kind: 'timeout' });
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(BUDGET_MS - 50);
    expect(inFlightSummary(FACTORY_KINDS).count).toBe(0);
    await beat(db);
    expect((await recentInstances(db))[0]).toMatchObject({ factoryInFlight: 0, factoryOldestAgeMs: null });

    await flushTelemetry(db);
    const recorded = await mergedOver(db, { resolution: 10, from: startedAt - 20_000, to: Date.now() + 1 }, { kinds: ['factory'], series: '/api/order', origin: 'probe' });
    expect(recorded).toMatchObject({ count: 1, errors: 1, timeouts: 1 });
    const [max] = quantiles(recorded.sketch, [1]);
    expect(max).toBeGreaterThanOrEqual(BUDGET_MS - 50);
    expect(max).toBeLessThan(BUDGET_MS + 1_000);
    const after = await metricsExposition();
    expect(after.body).toMatch(/^jwt_pizza_factory_call_timeouts_total\{target="\/api\/order",origin="probe"\} 1$/m);
  }, 20_000);
});
