import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { PrismaClient } from '@/lib/generated/postgres/client';
import { createDatabase, dropDatabase } from '../support/pg';
import { useTestEnv } from './support/env';

/**
 * The latency page with a full retention's worth of data: 48 h of 10 s buckets, 7 days of
 * 1 min and of 1 h buckets, 20 series per bucket (about 550 000 rows), on both engines.
 * Prints how long each range takes; fails only if one is grossly slow.
 */

const env = useTestEnv();
const SERIES: [kind: string, series: string, method: string, status: string, origin: string][] = [
  ['factory', '/api/order', 'POST', '2xx', 'live'],
  ['factory', '/api/order', 'POST', '2xx', 'probe'],
  ['factory', '/api/order', 'POST', 'timeout', 'live'],
  ['inflight', 'factory', '-', '-', 'live'],
  ['inflight', 'requests', '-', '-', 'live'],
  ...['/api/order/menu', '/api/franchise', '/api/user/me', '/api/order', '/api/auth', '/api/docs'].flatMap((path): [string, string, string, string, string][] => [
    ['api', path, 'GET', '2xx', 'live'],
    ['api', path, 'GET', '4xx', 'live'],
  ]),
  ['page', '/', 'GET', '2xx', 'live'],
  ['page', '/menu', 'GET', '2xx', 'live'],
  ['action', '/checkout', 'POST', '2xx', 'live'],
];
const SPANS = [
  [10, 48 * 360],
  [60, 7 * 1440],
  [3600, 7 * 24],
] as const;

let sketch: string;
let database: { name: string; url: string };
let pgDb: Db;
const now = Date.now();

beforeAll(async () => {
  const { addValue, encodeSketch, newSketch } = await import('@/lib/telemetry/sketch');
  const s = newSketch();
  for (let i = 0; i < 200; i++) addValue(s, 40 * Math.exp((i / 200) * 4));
  sketch = encodeSketch(s);

  const { migrate } = await import('@/lib/db/migrate');
  await migrate('sqlite', env.databaseUrl);
  const sqlite = new Database(env.databaseUrl.slice('file:'.length));
  const insert = sqlite.prepare(
    `INSERT INTO "LatencyBucket" (resolution, bucketStart, kind, series, method, status, origin, instanceId, count, timeouts, sumMs, maxMs, sketch, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'week-test', 200, 0, 30000, 2183, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (const [resolution, buckets] of SPANS) {
      const last = now - (now % (resolution * 1000));
      for (let b = 0; b < buckets; b++) {
        // Prisma's SQLite DateTime text format.
        const start = new Date(last - b * resolution * 1000).toISOString().replace('Z', '+00:00');
        for (const [kind, series, method, status, origin] of SERIES) insert.run(resolution, start, kind, series, method, status, origin, sketch, start);
      }
    }
  })();
  sqlite.close();

  database = await createDatabase();
  await migrate('postgres', database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  for (const [resolution, buckets] of SPANS) {
    const last = now - (now % (resolution * 1000));
    await client.query(
      `INSERT INTO "LatencyBucket" (resolution, "bucketStart", kind, series, method, status, origin, "instanceId", count, timeouts, "sumMs", "maxMs", sketch, "updatedAt")
       SELECT $1, to_timestamp(($2::bigint - b * $1 * 1000) / 1000.0), s.kind, s.series, s.method, s.status, s.origin, 'week-test', 200, 0, 30000, 2183, $3, now()
       FROM generate_series(0, $4 - 1) AS b, jsonb_to_recordset($5::jsonb) AS s(kind text, series text, method text, status text, origin text)`,
      [resolution, last, sketch, buckets, JSON.stringify(SERIES.map(([kind, series, method, status, origin]) => ({ kind, series, method, status, origin })))],
    );
  }
  await client.query('ANALYZE "LatencyBucket"');
  await client.end();
  pgDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) }) as unknown as Db;
}, 300_000);

afterAll(async () => {
  await pgDb?.$disconnect();
  if (database) await dropDatabase(database.name);
  const { getDb } = await import('@/lib/db');
  await getDb().$disconnect();
  env.cleanup();
});

describe('the latency page with a week of data', () => {
  it('answers every range quickly on SQLite and PostgreSQL', async () => {
    const { getDb } = await import('@/lib/db');
    const { latencyView } = await import('@/lib/telemetry/dashboard');
    const { RANGE_KEYS } = await import('@/lib/telemetry/view');
    const rows = await getDb().latencyBucket.count();
    expect(rows).toBe(SPANS.reduce((n, [, buckets]) => n + buckets * SERIES.length, 0));
    const timings: Record<string, Record<string, number>> = {};
    for (const [engine, db] of [
      ['sqlite', getDb()],
      ['postgres', pgDb],
    ] as const) {
      await latencyView('1h', null, db, now); // warm-up: connections, query plans
      for (const range of RANGE_KEYS) {
        const started = performance.now();
        const view = await latencyView(range, 'api|GET|/api/order/menu', db, now);
        const ms = Math.round(performance.now() - started);
        (timings[range] ??= {})[engine] = ms;
        // Real answers, not empty ones: every bucket of the range has its merged point.
        expect(view.factory.t.length).toBeGreaterThan(80);
        expect(view.factory.p99.filter((v) => v !== null).length).toBeGreaterThanOrEqual(view.factory.t.length - 1);
        expect(view.routes).toHaveLength(10); // factory order, 6 API routes, 2 pages, 1 action
        expect(view.route?.points.rate.some((r) => r > 0)).toBe(true);
        expect(ms).toBeLessThan(5_000);
      }
    }
    console.log(`latencyView over ${rows} rows (ms):`, JSON.stringify(timings));
  }, 120_000);
});
