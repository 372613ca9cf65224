import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { PrismaClient as PostgresClient } from '@/lib/generated/postgres/client';
import { PrismaClient as SqliteClient } from '@/lib/generated/sqlite/client';
import { createDatabase, dropDatabase } from '../support/pg';
import { useTestEnv } from './support/env';

/**
 * The engine against real databases (a fresh SQLite file and a fresh PostgreSQL database):
 * telemetry rows written through the real write path, one evaluation moves rules to firing and
 * records the events, and two engines racing for the lease evaluate once per tick.
 */

const env = useTestEnv();
afterAll(() => env.cleanup());

const config = { sloTargetMs: 1_000, budgetMs: 2_000, probeIntervalMs: 15_000, freshMs: 5_000, leaseTtlMs: 6_000 };

interface Target {
  name: string;
  open: () => Promise<{ clients: [Db, Db]; close: () => Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'SQLite',
    open: async () => {
      const { migrate } = await import('@/lib/db/migrate');
      const file = path.join(env.dataDir, `alerts-${Date.now()}.db`);
      await migrate('sqlite', `file:${file}`);
      const client = () => new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file, timeout: 5_000 }) });
      const clients: [Db, Db] = [client(), client()];
      return { clients, close: async () => void (await Promise.all(clients.map((c) => c.$disconnect()))) };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const { migrate } = await import('@/lib/db/migrate');
      const database = await createDatabase();
      await migrate('postgres', database.url);
      const client = () => new PostgresClient({ adapter: new PrismaPg({ connectionString: database.url }) }) as unknown as Db;
      const clients: [Db, Db] = [client(), client()];
      return {
        clients,
        close: async () => {
          await Promise.all(clients.map((c) => c.$disconnect()));
          await dropDatabase(database.name);
        },
      };
    },
  },
];

function heartbeat(id: string, at: number, p: { oldestStartedAt?: number; breaker?: string } = {}) {
  const data = {
    host: 'test',
    pid: 1,
    startedAt: new Date(at - 60_000),
    seenAt: new Date(at),
    factoryInFlight: p.oldestStartedAt ? 1 : 0,
    factoryOldestStartedAt: p.oldestStartedAt ? new Date(p.oldestStartedAt) : null,
    requestsInFlight: 0,
    breakerState: p.breaker ?? 'closed',
    breakerSince: new Date(at - 60_000),
  };
  return { where: { id }, create: { id, ...data }, update: data };
}

describe.each(targets)('alert engine on $name', (target) => {
  let clients: [Db, Db];
  let close: () => Promise<void>;
  const T = Date.now();

  beforeAll(async () => {
    ({ clients, close } = await target.open());
  });
  afterAll(async () => close?.());

  it('evaluates stored telemetry: rules go firing and the transitions are recorded', async () => {
    const { evaluateAlerts } = await import('@/lib/telemetry/alerts/engine');
    const { aggregate, newAggregator } = await import('@/lib/telemetry/aggregate');
    const { flushAggregator } = await import('@/lib/telemetry/flush');
    const [db] = clients;
    const options = { holder: 'engine-1', config, expectedSince: T - 1_000 };

    // Healthy factory: everything normal, no events.
    const healthy = newAggregator();
    const labels = { kind: 'factory' as const, series: '/api/order', method: 'POST', status: '2xx', origin: 'probe' };
    for (let i = 0; i < 10; i++) aggregate(healthy, labels, T - 50_000 + i * 1_000, 150, false);
    await flushAggregator(healthy, 'instance-a', db);
    await db.telemetryInstance.upsert(heartbeat('instance-a', T));
    const first = await evaluateAlerts(db, { ...options, now: T });
    expect(first).toEqual({ evaluated: true, events: [] });
    const states = await db.alertRuleState.findMany({ orderBy: { ruleId: 'asc' } });
    expect(states.map((s) => [s.ruleId, s.state])).toEqual([
      ['factory-breaker-open', 'normal'],
      ['factory-config-changed', 'normal'],
      ['factory-errors', 'normal'],
      ['factory-latency-critical', 'normal'],
      ['factory-no-data', 'normal'],
      ['factory-slo-burn-rate', 'normal'],
      ['factory-slo-slow-burn', 'normal'],
      ['factory-smoke-test', 'normal'],
    ]);

    // A factory call has hung for 2.5 s (budget 2 s), 30 slow orders completed, a configuration changed.
    const slow = newAggregator();
    for (let i = 0; i < 30; i++) aggregate(slow, labels, T - 40_000 + i * 1_000, 1_500, false);
    await flushAggregator(slow, 'instance-b', db);
    await db.telemetryInstance.upsert(heartbeat('instance-a', T + 2_000, { oldestStartedAt: T - 500 }));
    await db.configChangeEvent.create({
      data: { source: 'test', version: 7, type: 'config.applied', kind: 'chaos', author: 'ops', reason: 'slow the oven', diff: '[]', document: '{}', appliedAt: new Date(T + 1_000) },
    });
    const second = await evaluateAlerts(db, { ...options, now: T + 2_000 });
    expect(second.evaluated).toBe(true);
    const byRule = Object.fromEntries(second.events.map((e) => [e.ruleId, e]));
    expect(Object.keys(byRule).sort()).toEqual(['factory-config-changed', 'factory-latency-critical', 'factory-slo-burn-rate', 'factory-slo-slow-burn']);
    expect(byRule['factory-latency-critical']).toMatchObject({ from: 'normal', to: 'firing', value: 2_500 });
    expect(byRule['factory-config-changed']).toMatchObject({ to: 'firing', value: 7, detail: 'configuration v7 config.applied by ops: slow the oven' });
    // 30 of 40 orders over 1 s: a 75× burn in both windows of each pair.
    expect(byRule['factory-slo-burn-rate']?.value).toBeCloseTo(75);
    expect(byRule['factory-slo-slow-burn']).toMatchObject({ to: 'firing' });
    expect(byRule['factory-slo-slow-burn']?.value).toBeCloseTo(75);

    const stored = await db.alertEvent.findMany({ where: { ruleId: 'factory-latency-critical' } });
    expect(stored.map((e) => [e.fromState, e.toState, e.value, e.at.getTime()])).toEqual([['normal', 'firing', 2_500, T + 2_000]]);
    const critical = await db.alertRuleState.findUniqueOrThrow({ where: { ruleId: 'factory-latency-critical' } });
    expect([critical.state, critical.since.getTime()]).toEqual(['firing', T + 2_000]);

    // The announcement is raised once, not again at the next evaluation.
    const third = await evaluateAlerts(db, { ...options, now: T + 4_000 });
    expect(third.events.filter((e) => e.ruleId === 'factory-config-changed')).toEqual([]);
    // While it fires, it still shows the version announced.
    expect(await db.alertRuleState.findUniqueOrThrow({ where: { ruleId: 'factory-config-changed' } })).toMatchObject({ state: 'firing', value: 7 });

    // The no-data rule stays normal while its value, the time since the newest factory measurement, moves.
    const newest = await db.latencyBucket.findFirstOrThrow({ where: { resolution: 10, kind: 'factory' }, orderBy: { updatedAt: 'desc' } });
    const noData = await db.alertRuleState.findUniqueOrThrow({ where: { ruleId: 'factory-no-data' } });
    expect([noData.state, noData.value, noData.evaluatedAt.getTime()]).toEqual(['normal', T + 4_000 - newest.updatedAt.getTime(), T + 4_000]);

    // What GET /api/alerts shows.
    const { alertsView } = await import('@/lib/telemetry/alerts/view');
    const { defaultRules } = await import('@/lib/telemetry/alerts/rules');
    const view = await alertsView(db, 5, defaultRules(config));
    expect(view.map((a) => [a.id, a.state])).toEqual([
      ['factory-latency-critical', 'firing'],
      ['factory-slo-burn-rate', 'firing'],
      ['factory-slo-slow-burn', 'firing'],
      ['factory-errors', 'normal'],
      ['factory-no-data', 'normal'],
      ['factory-breaker-open', 'normal'],
      ['factory-smoke-test', 'normal'],
      ['factory-config-changed', 'firing'],
    ]);
    expect(view[0]).toMatchObject({
      name: 'Factory latency critical',
      severity: 'critical',
      since: new Date(T + 2_000).toISOString(),
      evaluatedAt: new Date(T + 4_000).toISOString(),
      history: [{ at: new Date(T + 2_000).toISOString(), from: 'normal', to: 'firing', value: 2_500, detail: null }],
    });
    expect((await alertsView(db, 0, defaultRules(config)))[0]?.history).toEqual([]);
  });

  it('keeps its windows right between evaluations while reading only the rows written since the last one', async () => {
    const { gatherSnapshot } = await import('@/lib/telemetry/alerts/engine');
    const { defaultRules } = await import('@/lib/telemetry/alerts/rules');
    const { aggregate, newAggregator } = await import('@/lib/telemetry/aggregate');
    const { flushAggregator } = await import('@/lib/telemetry/flush');
    const [db] = clients;
    const rules = defaultRules(config);
    const U = Math.ceil((T + 24 * 3_600_000) / 10_000) * 10_000; // clear of the other tests' buckets, on a 10 s boundary
    const windows = async (now: number) => (await gatherSnapshot(db, rules, config, now, U, null)).snapshot.windows;
    const fiveMinutes = async (now: number) => (await windows(now)).get(5 * 60_000);
    const sixHours = async (now: number) => (await windows(now)).get(6 * 3_600_000);
    const labels = { kind: 'factory' as const, series: '/api/order', method: 'POST', status: '2xx', origin: 'live' };

    const recorder = newAggregator();
    for (let i = 0; i < 10; i++) aggregate(recorder, labels, U - 30_000 + i * 1_000, 150, false);
    await flushAggregator(recorder, 'instance-c', db);
    expect(await fiveMinutes(U)).toMatchObject({ count: 10, maxMs: 150 });
    expect(await sixHours(U)).toMatchObject({ count: 10, maxMs: 150 });

    // The next flush rewrites the same buckets whole: they replace what was read, not add to it.
    // The 6 h window (1 min buckets) sees it too, and keeps it when nothing is flushed after.
    for (let i = 0; i < 5; i++) aggregate(recorder, labels, U - 30_000 + i * 1_000, 900, false);
    await flushAggregator(recorder, 'instance-c', db);
    expect(await fiveMinutes(U + 2_000)).toMatchObject({ count: 15, maxMs: 900 });
    expect(await sixHours(U + 2_000)).toMatchObject({ count: 15, maxMs: 900 });
    expect(await sixHours(U + 3_000)).toMatchObject({ count: 15, maxMs: 900 });

    // Another instance's row, stamped by a clock 30 s behind: still seen.
    const other = newAggregator();
    aggregate(other, { ...labels, status: '5xx' }, U - 10_000, 40, false);
    await flushAggregator(other, 'instance-d', db);
    await db.latencyBucket.updateMany({ where: { instanceId: 'instance-d' }, data: { updatedAt: new Date(Date.now() - 30_000) } });
    expect(await fiveMinutes(U + 4_000)).toMatchObject({ count: 16, errors: 1 });
    expect(await sixHours(U + 4_000)).toMatchObject({ count: 16, errors: 1 });

    // Buckets leave the window as time goes on: [U-30 s, U-20 s) has, [U-10 s, U) not yet.
    expect(await fiveMinutes(U + 280_000)).toMatchObject({ count: 1, errors: 1 });
  });

  it('takes admins\' rule edits, validated, audited and used by the next evaluation', async () => {
    const { saveRule, resetRule, loadRules } = await import('@/lib/telemetry/alerts/catalog');
    const [db] = clients;
    await expect(saveRule('factory-latency-critical', { thresholdMs: -1 }, 'admin@jwt.pizza', config, db)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('thresholdMs') });
    await expect(saveRule('factory-latency-critical', { kind: 'no_data' }, 'admin@jwt.pizza', config, db)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(saveRule('no-such-rule', { enabled: false }, 'admin@jwt.pizza', config, db)).rejects.toMatchObject({ code: 'not_found' });
    expect(await db.alertRuleOverride.count()).toBe(0);

    const saved = await saveRule('factory-errors', { maxRate: 0.2, forMs: 0 }, 'admin@jwt.pizza', config, db);
    expect(saved).toMatchObject({ id: 'factory-errors', kind: 'error_rate', maxRate: 0.2, forMs: 0, minCount: 3 });
    expect((await loadRules(config, db)).find((r) => r.id === 'factory-errors')).toEqual(saved);
    const audit = await db.alertEvent.findFirstOrThrow({ where: { ruleId: 'factory-errors', fromState: 'edit' }, orderBy: { id: 'desc' } });
    expect(audit.detail).toBe('rule edited by admin@jwt.pizza: maxRate, forMs');

    await resetRule('factory-errors', 'admin@jwt.pizza', config, db);
    expect((await loadRules(config, db)).find((r) => r.id === 'factory-errors')).toMatchObject({ maxRate: 0.05, forMs: 60_000 });
  });

  it('lets one of two racing engines evaluate per tick', async () => {
    const { evaluateAlerts } = await import('@/lib/telemetry/alerts/engine');
    const [a, b] = clients;
    // The first test's lease has expired by now; a breaker opened.
    const tick = T + 30_000;
    await a.telemetryInstance.upsert(heartbeat('instance-a', tick, { breaker: 'open' }));
    const race = await Promise.all([
      evaluateAlerts(a, { holder: 'engine-a', config, now: tick, expectedSince: T }),
      evaluateAlerts(b, { holder: 'engine-b', config, now: tick, expectedSince: T }),
    ]);
    expect(race.filter((r) => r.evaluated)).toHaveLength(1);
    const breakerEvents = await a.alertEvent.findMany({ where: { ruleId: 'factory-breaker-open' } });
    expect(breakerEvents.map((e) => [e.fromState, e.toState])).toEqual([['normal', 'firing']]);

    // The next tick: the holder evaluates again, the other does not.
    const winner = race[0]!.evaluated ? 'engine-a' : 'engine-b';
    const loser = winner === 'engine-a' ? 'engine-b' : 'engine-a';
    await a.telemetryInstance.upsert(heartbeat('instance-a', tick + 2_000, { breaker: 'open' }));
    const next = await Promise.all([
      evaluateAlerts(b, { holder: loser, config, now: tick + 2_000, expectedSince: T }),
      evaluateAlerts(a, { holder: winner, config, now: tick + 2_000, expectedSince: T }),
    ]);
    expect(next.map((r) => r.evaluated)).toEqual([false, true]);
    expect(await a.alertEvent.count({ where: { ruleId: 'factory-breaker-open' } })).toBe(1);
  });

  it('names each failed smoke test once: the first in the firing transition, a later one while firing', async () => {
    const { evaluateAlerts } = await import('@/lib/telemetry/alerts/engine');
    const [db] = clients;
    const tick = T + 100_000;
    const options = { holder: 'engine-smoke', config, expectedSince: T };
    const failed = (configVersion: number, startedAt: number) => ({ configVersion, startedAt: new Date(startedAt), status: 'failed', sloMs: 1_000, durationMs: 1_000, failedStep: 'slo', message: `no pizza within the 1000 ms SLO after configuration v${configVersion}` });
    await db.smokeTest.create({ data: failed(20, tick - 3_000) });
    await evaluateAlerts(db, { ...options, now: tick });
    await db.smokeTest.create({ data: failed(21, tick + 1_000) });
    await evaluateAlerts(db, { ...options, now: tick + 2_000 });
    await evaluateAlerts(db, { ...options, now: tick + 4_000 });
    const events = await db.alertEvent.findMany({ where: { ruleId: 'factory-smoke-test' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.fromState, e.toState, e.detail])).toEqual([
      ['normal', 'firing', 'smoke test after configuration v20 failed at slo: no pizza within the 1000 ms SLO after configuration v20'],
      ['firing', 'firing', 'smoke test after configuration v21 failed at slo: no pizza within the 1000 ms SLO after configuration v21'],
    ]);
  });

  // Last: its lease, taken 72 h on, would keep the other tests' engines out.
  it('reads and writes little when only time has moved: the 1 min buckets again only after a flush, one write for all rules, nothing but the lease elsewhere', async () => {
    const { evaluateAlerts } = await import('@/lib/telemetry/alerts/engine');
    const { aggregate, newAggregator } = await import('@/lib/telemetry/aggregate');
    const { flushAggregator } = await import('@/lib/telemetry/flush');
    const statements: string[] = [];
    const db = clients[0].$extends({
      query: {
        $allOperations: ({ model, operation, args, query }) => {
          statements.push(`${model ?? ''}.${operation}`);
          return query(args);
        },
      },
    }) as unknown as Db;
    const evaluation = async (now: number) => {
      statements.length = 0;
      await evaluateAlerts(db, { holder: 'engine-quiet', config, now, expectedSince: now - 60_000 });
      const count = (statement: string) => statements.filter((s) => s === statement).length;
      return { bucketReads: count('LatencyBucket.findMany') + count('LatencyBucket.findFirst'), stateUpserts: count('AlertRuleState.upsert'), writes: statements.filter((s) => /update|upsert|create|delete|executeRaw/i.test(s)).length };
    };
    const V = T + 72 * 3_600_000;
    const recorder = newAggregator();
    const probe = (at: number) => aggregate(recorder, { kind: 'factory', series: '/api/order', method: 'POST', status: '2xx', origin: 'probe' }, at, 120, false);
    probe(V - 20_000);
    await flushAggregator(recorder, 'instance-q', db);
    await clients[0].telemetryInstance.upsert(heartbeat('instance-q', V));

    // The first evaluation reads both resolutions whole.
    expect((await evaluation(V)).bucketReads).toBe(2);
    // Nothing flushed since: the 10 s rows are read (they hold the last measurement), the 1 min ones not;
    // two writes: the lease's renewal, and one statement for the no-data rule's moving value and every rule's evaluation time.
    expect(await evaluation(V + 2_000)).toEqual({ bucketReads: 1, stateUpserts: 0, writes: 2 });
    // A flush: both are read again.
    probe(V + 1_000);
    await flushAggregator(recorder, 'instance-q', db);
    expect((await evaluation(V + 4_000)).bucketReads).toBe(2);
    expect((await evaluation(V + 6_000)).bucketReads).toBe(1);

    // Another instance, while the lease is held, only tries the lease.
    statements.length = 0;
    expect((await evaluateAlerts(db, { holder: 'engine-other', config, now: V + 7_000, expectedSince: V })).evaluated).toBe(false);
    expect(statements).toEqual(['.$executeRaw']);
  });
});
