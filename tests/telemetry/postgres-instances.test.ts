import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { PrismaClient } from '@/lib/generated/postgres/client';
import { createDatabase, dropDatabase } from '../support/pg';
import { useTestEnv } from './support/env';

/**
 * Two app instances sharing one PostgreSQL: each writes only its own rows (keyed by its
 * instance id), and every read merges them. The merged percentiles must be those of all the
 * calls together, within the sketch's 1%.
 */

const env = useTestEnv();
let database: { name: string; url: string };
let db: Db;

beforeAll(async () => {
  database = await createDatabase();
  const { migrate } = await import('@/lib/db/migrate');
  await migrate('postgres', database.url);
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) }) as unknown as Db;
});

afterAll(async () => {
  await db?.$disconnect();
  if (database) await dropDatabase(database.name);
  env.cleanup();
});

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exact = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;

describe('two instances, one PostgreSQL', () => {
  it('merges both instances’ rows into correct percentiles at every resolution', async () => {
    const { aggregate, newAggregator } = await import('@/lib/telemetry/aggregate');
    const { flushAggregator } = await import('@/lib/telemetry/flush');
    const { latencyPoints, mergedOver, seriesSummaries } = await import('@/lib/telemetry/query');
    const { quantiles, RELATIVE_ACCURACY } = await import('@/lib/telemetry/sketch');

    // Instance A sees a healthy factory; instance B sees the incident: mostly 32 s hangs.
    const random = seeded(42);
    const a = Array.from({ length: 3_000 }, () => 80 + random() * 400);
    const b = [...Array.from({ length: 150 }, () => 32_000 + random() * 800), ...Array.from({ length: 50 }, () => 150 + random() * 100)];
    const all = [...a, ...b];
    const minute = Date.now() - 10 * 60_000;
    const at = minute - (minute % 60_000) + 5_000;
    const labels = { kind: 'factory' as const, series: '/api/order', method: 'POST', status: '2xx', origin: 'live' };

    const recorderA = newAggregator();
    const recorderB = newAggregator();
    a.forEach((v, i) => aggregate(recorderA, labels, at + (i % 40) * 1_000, v, false));
    b.forEach((v, i) => aggregate(recorderB, { ...labels, status: v > 30_000 ? 'timeout' : '2xx' }, at + (i % 40) * 1_000, v, v > 30_000));

    // Both flush at once: no shared row, so no contention.
    const [writtenA, writtenB] = await Promise.all([flushAggregator(recorderA, 'instance-a', db), flushAggregator(recorderB, 'instance-b', db)]);
    expect(writtenA).toBeGreaterThan(0);
    expect(writtenB).toBeGreaterThan(0);
    const owners = await db.latencyBucket.groupBy({ by: ['instanceId'], _sum: { count: true }, where: { resolution: 60 } });
    expect(Object.fromEntries(owners.map((o) => [o.instanceId, o._sum.count]))).toEqual({ 'instance-a': a.length, 'instance-b': b.length });

    const window = { from: at - 60_000, to: Date.now() };
    const filter = { kinds: ['factory' as const], series: '/api/order' };
    const qs = [0.5, 0.9, 0.95, 0.99];
    for (const resolution of [10, 60, 3600] as const) {
      const merged = await mergedOver(db, { ...window, resolution }, filter);
      expect(merged.count).toBe(all.length);
      expect(merged.errors).toBe(150);
      expect(merged.timeouts).toBe(150);
      const got = quantiles(merged.sketch, [...qs, 1]);
      qs.forEach((q, i) => expect(Math.abs(got[i]! - exact(all, q))).toBeLessThanOrEqual(exact(all, q) * RELATIVE_ACCURACY));
      expect(got[4]).toBe(Math.max(...all));
    }
    // The incident is plain in the merged p99: ≈32 s, which neither instance alone would say about the whole.
    const p99 = quantiles((await mergedOver(db, { ...window, resolution: 60 }, filter)).sketch, [0.99])[0]!;
    expect(p99).toBeGreaterThan(32_000 * (1 - RELATIVE_ACCURACY));

    // Per-bucket points: the 1-minute point holds everything, the summaries agree.
    const points = await latencyPoints(db, { ...window, resolution: 60 }, filter);
    const index = points.t.indexOf((at - (at % 60_000)) / 1000);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(points.rate[index]! * 60).toBeCloseTo(all.length, 6);
    expect(points.errorRate[index]).toBeCloseTo(150 / all.length, 9);
    expect(Math.abs(points.p95[index]! - exact(all, 0.95))).toBeLessThanOrEqual(exact(all, 0.95) * RELATIVE_ACCURACY);
    const [summary] = await seriesSummaries(db, { ...window, resolution: 60 }, ['factory']);
    expect(summary).toMatchObject({ id: 'factory|POST|/api/order', count: all.length, timeouts: 150, max: Math.max(...all) });
  });

  it('lets one instance at a time hold the retention lease', async () => {
    const { takeLease } = await import('@/lib/telemetry/lease');
    const now = new Date();
    const results = await Promise.all([takeLease(db, 'job', 'instance-a', 60_000, now), takeLease(db, 'job', 'instance-b', 60_000, now)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const holder = results[0] ? 'instance-a' : 'instance-b';
    const other = results[0] ? 'instance-b' : 'instance-a';
    expect(await takeLease(db, 'job', holder, 60_000, now)).toBe(true);
    expect(await takeLease(db, 'job', other, 60_000, now)).toBe(false);
    // Once it expires, the other instance takes over.
    expect(await takeLease(db, 'job', other, 60_000, new Date(now.getTime() + 61_000))).toBe(true);
  });

  it('deletes buckets, alert history and smoke tests past their retention and keeps the rest', async () => {
    const { enforceRetention } = await import('@/lib/telemetry/retention');
    const now = Date.now();
    const row = (resolution: number, ageMs: number, series: string) => ({
      resolution,
      bucketStart: new Date(now - ageMs),
      kind: 'api',
      series,
      method: 'GET',
      status: '2xx',
      origin: 'live',
      instanceId: 'instance-r',
      count: 1,
      timeouts: 0,
      sumMs: 1,
      maxMs: 1,
      sketch: '{"z":0,"n":1,"s":1,"lo":1,"hi":1,"k":[0],"c":[1]}',
      updatedAt: new Date(),
    });
    await db.latencyBucket.createMany({
      data: [row(10, 49 * 3_600_000, '/old-10s'), row(10, 47 * 3_600_000, '/new-10s'), row(60, 31 * 86_400_000, '/old-1m'), row(60, 29 * 86_400_000, '/new-1m'), row(3600, 366 * 86_400_000, '/old-1h')],
    });
    const yearAndADay = new Date(now - 366 * 86_400_000);
    await db.alertEvent.createMany({
      data: [
        { ruleId: 'retention-test', at: yearAndADay, fromState: 'normal', toState: 'firing' },
        { ruleId: 'retention-test', at: new Date(now), fromState: 'firing', toState: 'resolved' },
      ],
    });
    await db.smokeTest.createMany({ data: [{ startedAt: yearAndADay, status: 'passed', sloMs: 1_000 }, { startedAt: new Date(now), status: 'passed', sloMs: 1_000 }] });
    const retention = { 10: 48 * 3_600_000, 60: 30 * 86_400_000, 3600: 365 * 86_400_000 };
    expect(await enforceRetention(retention, 'instance-r', 60_000, db, now)).toBe(5);
    expect((await db.alertEvent.findMany({ where: { ruleId: 'retention-test' } })).map((e) => e.toState)).toEqual(['resolved']);
    expect(await db.smokeTest.count({ where: { startedAt: { lt: new Date(now - 86_400_000) } } })).toBe(0);
    const left = await db.latencyBucket.findMany({ where: { instanceId: 'instance-r' }, select: { series: true } });
    expect(left.map((r) => r.series).sort()).toEqual(['/new-10s', '/new-1m']);
    // Another instance does nothing while the lease is held.
    expect(await enforceRetention(retention, 'instance-s', 60_000, db, now)).toBeNull();
  });
});
