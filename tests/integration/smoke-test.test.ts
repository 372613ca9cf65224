import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../support/pg';
import { freePort, startServer, type RunningServer } from '../support/server';
import { factoryAdmin, inMinutes, until } from './factory-helpers';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  call,
  login,
  privateServerEnv,
  type Target,
} from './support';

/**
 * The smoke test after every factory configuration change, over HTTP against private servers:
 * a harmless change passes; an ordinary change that breaks the factory (within a widened safe
 * envelope) fails at the right step, fires the factory-smoke-test alert naming the version,
 * and is rolled back by the smoke test; a failing experiment alerts but is left to expire;
 * SMOKE_AUTO_ROLLBACK=off leaves every change in force.
 *
 * The alert keeps firing for a minute after the last failure, so each server proves one new
 * firing transition; hence three servers (one on PostgreSQL).
 */
const ADMIN_KEY = 'smoke-test-factory-admin-key-8e1f2c7a';
const VENDOR_KEY = 'smoke-test-factory-vendor-key-4b9d0e61';
const WEBHOOK_SECRET = 'smoke-test-webhook-secret-2a7c5f90d3';
const SLO_MS = 1_000;

interface SmokeRow {
  id: number;
  changeId: number | null;
  configVersion: number | null;
  status: string;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  sloMs: number;
  failedStep: string | null;
  message: string | null;
  rollbackVersion: number | null;
  rollbackError: string | null;
}

interface Store {
  t: Target;
  server: RunningServer;
  dataDir: string;
  admin: ReturnType<typeof factoryAdmin>;
  /** The store admin's API token (the servers reuse ports, so support's per-URL cache does not fit). */
  adminToken: string;
  /** Every row of a table, oldest first, dates as epoch ms. */
  rows(table: 'SmokeTest' | 'ConfigChangeEvent' | 'Order'): Promise<Record<string, any>[]>;
  stop(): Promise<void>;
}

/** SQLite hands dates back as epoch ms or ISO text, PostgreSQL as Date. */
const toMs = (value: unknown) => (value === null ? null : value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value)));
const DATE_COLUMNS = ['startedAt', 'finishedAt', 'appliedAt', 'receivedAt'];
const withDates = (row: Record<string, any>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, DATE_COLUMNS.includes(k) ? toMs(v) : v]));

async function startStore(name: string, engine: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<Store> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `jwt-pizza-smoke-${name}-`));
  const database = engine === 'postgres' ? await createDatabase() : null;
  const server = await startServer({
    port: await freePort(3341),
    logFile: path.join(dataDir, 'server.log'),
    env: {
      DATA_DIR: dataDir,
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...privateServerEnv({ vendorKey: VENDOR_KEY, adminKey: ADMIN_KEY, webhookSecret: WEBHOOK_SECRET }),
      // Wide enough that a breaking change is an ordinary change, not an experiment.
      FACTORY_SAFE_MAX_DELAY_MS: '3000',
      FACTORY_SAFE_MAX_FAILURE_RATE: '1',
      FACTORY_SAFE_MAX_BAD_JWT_RATE: '1',
      ...env,
    },
  });
  const t: Target = { name: engine, url: server.url, dataDir };
  const rows = async (table: string) => {
    const sql = `SELECT * FROM "${table}" ORDER BY id`;
    if (!database) {
      const db = new Database(path.join(dataDir, 'jwt-pizza.db'), { readonly: true, fileMustExist: true });
      try {
        return (db.prepare(sql).all() as Record<string, any>[]).map(withDates);
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows.map(withDates);
    } finally {
      await client.end();
    }
  };
  const signedIn = await login(t, ADMIN_EMAIL, ADMIN_PASSWORD);
  expect(signedIn.status, signedIn.text).toBe(200);
  return {
    t,
    server,
    dataDir,
    admin: factoryAdmin(t, ADMIN_KEY),
    adminToken: signedIn.body.token,
    rows,
    async stop() {
      await server.stop();
      if (database) await dropDatabase(database.name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function configNow(store: Store) {
  const res = await store.admin('GET', '/config');
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function history(store: Store): Promise<any[]> {
  const res = await store.admin('GET', '/config/history');
  expect(res.status, res.text).toBe(200);
  return res.body.versions;
}

/** An ordinary change (or an experiment) on top of the version in force; returns the new version. */
async function change(store: Store, changes: Record<string, number>, experiment = false) {
  const { version } = await configNow(store);
  const res = await store.admin('PUT', '/config', {
    changes,
    reason: `smoke test case ${JSON.stringify(changes)}`,
    expectedVersion: version,
    ...(experiment ? { experiment: { expiresAt: inMinutes(5) } } : {}),
  });
  expect(res.status, res.text).toBe(200);
  return res.body as { version: number; createdAt: string; document: Record<string, number> };
}

/** The smoke test of a version once it satisfies `done`. */
const smokeTestOf = (store: Store, version: number, done: (row: SmokeRow) => boolean = (r) => r.finishedAt !== null, timeoutMs = 20_000) =>
  until(
    `the smoke test of v${version}`,
    async () => ((await store.rows('SmokeTest')) as SmokeRow[]).find((r) => r.configVersion === version),
    (row) => row !== undefined && done(row),
    timeoutMs,
    25,
  ) as Promise<SmokeRow>;

interface SmokeAlert {
  state: string;
  since: string | null;
  history: { at: string; from: string; to: string; detail: string | null }[];
}

async function smokeAlert(store: Store): Promise<SmokeAlert> {
  const res = await call(store.t, 'GET', '/api/alerts', { token: store.adminToken });
  expect(res.status, res.text).toBe(200);
  return res.body.alerts.find((a: { id: string }) => a.id === 'factory-smoke-test');
}

const firingNaming = (alert: SmokeAlert, version: number) => alert.history.find((h) => h.to === 'firing' && h.detail?.includes(`configuration v${version} failed`));

describe('the smoke test after a factory change, with auto-rollback (SQLite)', () => {
  let store: Store;

  beforeAll(async () => {
    store = await startStore('rollback', 'sqlite');
  });
  afterAll(() => store?.stop());

  it('passes a harmless change within the SLO, announced at once, and sells nothing', async () => {
    const ordersBefore = (await store.rows('Order')).length;
    const delays: number[] = [];
    for (const maxItemsPerOrder of [19, 18, 17, 16, 15]) {
      const applied = await change(store, { maxItemsPerOrder });
      const row = await smokeTestOf(store, applied.version);
      expect(row).toMatchObject({ status: 'passed', sloMs: SLO_MS, failedStep: null, message: null, rollbackVersion: null, rollbackError: null });
      expect(row.durationMs).toBeLessThan(SLO_MS);
      expect(row.finishedAt).toBeGreaterThanOrEqual(row.startedAt);
      const event = (await store.rows('ConfigChangeEvent')).find((e) => e.version === applied.version)!;
      expect(row.changeId).toBe(event.id);
      delays.push(event.receivedAt - Date.parse(applied.createdAt));
    }
    console.log(`announcement delay (version createdAt → store receivedAt), ms: ${delays.join(', ')}`);
    // Delivered right after the commit, not at the 1 s sweeper's next tick.
    expect(Math.max(...delays)).toBeLessThan(500);
    expect((await store.rows('Order')).length).toBe(ordersBefore);
    expect((await history(store))[0].author).not.toBe('smoke test');
  });

  it('passes a change at the default safe limit (500 ms, asserted in http.test.ts): the safe envelope sits below the SLO', async () => {
    const before = await configNow(store);
    const applied = await change(store, { processingDelayMs: 500 });
    const row = await smokeTestOf(store, applied.version);
    expect(row).toMatchObject({ status: 'passed', rollbackVersion: null });
    expect(row.durationMs).toBeGreaterThanOrEqual(500);
    const restored = await change(store, { processingDelayMs: before.document.processingDelayMs });
    expect(await smokeTestOf(store, restored.version)).toMatchObject({ status: 'passed' });
  });

  it.each<{ what: string; changes: Record<string, number>; step: string; message: RegExp }>([
    { what: 'a pizza whose signature does not verify', changes: { badJwtRate: 1 }, step: 'verify', message: /does not verify after configuration v\d+$/ },
    { what: 'an oven that always fails', changes: { failureRate: 1 }, step: 'order', message: /oven failed.* after configuration v\d+$/ },
    { what: 'pizzas slower than the SLO', changes: { processingDelayMs: 2_500 }, step: 'slo', message: /^no pizza within the 1000 ms SLO after configuration v\d+$/ },
  ])('fails a change that gives $what at $step, and rolls it back to the previous version', async ({ changes, step, message }) => {
    const before = await configNow(store);
    const applied = await change(store, changes);
    const failed = await smokeTestOf(store, applied.version, (r) => r.status === 'failed' && (r.rollbackVersion !== null || r.rollbackError !== null));
    expect(failed).toMatchObject({ failedStep: step, rollbackVersion: applied.version + 1, rollbackError: null });
    expect(failed.message).toMatch(message);
    expect(failed.message).toContain(`v${applied.version}`);

    const [rollback] = await history(store);
    expect(rollback).toMatchObject({ version: applied.version + 1, kind: 'rollback', author: 'smoke test', revertsTo: before.version });
    expect(rollback.reason).toContain(`smoke test after v${applied.version} failed`);
    expect((await configNow(store)).document).toEqual(before.document);

    // The rollback is a change too: its own smoke test confirms the recovery.
    expect(await smokeTestOf(store, rollback.version)).toMatchObject({ status: 'passed', rollbackVersion: null });
    // The slow call went on after the verdict, and its duration was recorded without changing it.
    const ended = await smokeTestOf(store, applied.version);
    expect(ended).toMatchObject({ status: 'failed', failedStep: step });
    if (step === 'slo') expect(ended.durationMs).toBeGreaterThanOrEqual(2_500);

    const alert = await smokeAlert(store);
    expect(alert.state).toBe('firing');
    if (step === 'verify') expect(firingNaming(alert, applied.version)?.detail).toContain(`failed at verify`);
  });
});

describe('a failing experiment (the 32 000 ms drill) alerts within seconds and is not rolled back (PostgreSQL)', () => {
  let store: Store;

  beforeAll(async () => {
    store = await startStore('drill', 'postgres');
    const warmUp = await change(store, { maxItemsPerOrder: 19 }); // warms the order, webhook and alert routes
    expect(await smokeTestOf(store, warmUp.version)).toMatchObject({ status: 'passed' });
  });
  afterAll(() => store?.stop());

  it('fails at the SLO while the call hangs, fires the alert naming the version, leaves the experiment running; its end passes', async () => {
    const experiment = await change(store, { processingDelayMs: 32_000 }, true);
    const appliedAt = Date.parse(experiment.createdAt);

    const verdict = await smokeTestOf(store, experiment.version, (r) => r.status === 'failed', 5_000);
    const verdictSeenMs = Date.now() - appliedAt;
    expect(verdict).toMatchObject({ failedStep: 'slo', message: `no pizza within the ${SLO_MS} ms SLO after configuration v${experiment.version}`, finishedAt: null });

    const alert = await until('the smoke-test alert', () => smokeAlert(store), (a) => a.state === 'firing', 5_000, 50);
    const firedMs = Date.parse(alert.since!) - appliedAt;
    console.log(`32000 ms experiment: change applied → smoke verdict seen ${verdictSeenMs} ms, → alert firing ${firedMs} ms`);
    expect(firedMs).toBeLessThan(5_000);
    expect(firingNaming(alert, experiment.version)?.detail).toContain('failed at slo');

    // No rollback: the experiment stays in force until it expires or is ended.
    const settled = await smokeTestOf(store, experiment.version, (r) => r.finishedAt !== null, 15_000);
    expect(settled).toMatchObject({ status: 'failed', failedStep: 'slo', rollbackVersion: null, rollbackError: null });
    expect(settled.durationMs).toBeGreaterThanOrEqual(9_000); // it hung until the smoke budget (10 s)
    expect((await configNow(store)).version).toBe(experiment.version);
    expect((await history(store)).some((v) => v.author === 'smoke test')).toBe(false);

    const ended = await store.admin('POST', '/config/experiment/end', { reason: 'drill over' });
    expect(ended.status, ended.text).toBe(200);
    expect(await smokeTestOf(store, ended.body.version)).toMatchObject({ status: 'passed' });
  }, 40_000);
});

describe('SMOKE_AUTO_ROLLBACK=off (SQLite)', () => {
  let store: Store;

  beforeAll(async () => {
    store = await startStore('no-rollback', 'sqlite', { SMOKE_AUTO_ROLLBACK: 'off' });
  });
  afterAll(() => store?.stop());

  it('fails the change and alerts, but leaves it in force', async () => {
    const applied = await change(store, { failureRate: 1 });
    const failed = await smokeTestOf(store, applied.version);
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'order', rollbackVersion: null, rollbackError: null });

    const alert = await until('the smoke-test alert', () => smokeAlert(store), (a) => a.state === 'firing', 5_000, 100);
    expect(firingNaming(alert, applied.version)?.detail).toContain('failed at order');
    const [newest] = await history(store);
    expect(newest).toMatchObject({ version: applied.version, kind: 'change' });
    expect((await configNow(store)).document.failureRate).toBe(1);
  });
});
