import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../support/pg';
import { freePort, startServer, type RunningServer } from '../support/server';
import {
  call,
  createFranchise,
  menuByTitle,
  order,
  privateServerEnv,
  registerUser,
  type Target,
  type TestFranchise,
  type TestUser,
} from './support';
import { factoryAdmin, fulfilledLogCountsOnceWritten, inMinutes, timed, until, verifyWithJwks } from './factory-helpers';

/**
 * Two app instances on ONE PostgreSQL database, both running the fulfilment worker. Instance A
 * hosts the factory; instance B's store calls it over HTTP (FACTORY_URL = A's /factory). With
 * orders piled up behind a slow factory, both workers go for the same orders at once when it
 * recovers: every order must be fulfilled, and by exactly one of them.
 */
const ADMIN_KEY = 'two-workers-factory-admin-key-7a2e91c4';
const VENDOR_KEY = 'two-workers-factory-vendor-key-d05b8f3e';
const WEBHOOK_SECRET = 'two-workers-factory-webhook-secret-41ac';
const ORDERS = 20;

let database: { name: string; url: string };
let dirA: string;
let dirB: string;
let a: RunningServer;
let b: RunningServer;
let ta: Target;
let tb: Target;

const common = () => ({
  DATABASE_URL: database.url,
  ...privateServerEnv({ vendorKey: VENDOR_KEY, adminKey: ADMIN_KEY, webhookSecret: WEBHOOK_SECRET }),
  CACHE_TTL_MS: '0',
  FACTORY_TIMEOUT_MS: '1000',
  BREAKER_COOLDOWN_MS: '1000',
  FULFILMENT_WORKER: 'on',
  FULFILMENT_INTERVAL_MS: '200',
});

beforeAll(async () => {
  database = await createDatabase();
  dirA = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-two-workers-a-'));
  dirB = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-two-workers-b-'));
  const portA = await freePort(3281);
  const portB = await freePort(portA + 1);
  // A first: it migrates the database and starts the factory that B uses.
  a = await startServer({ port: portA, logFile: path.join(dirA, 'server.log'), env: { ...common(), DATA_DIR: dirA } });
  b = await startServer({
    port: portB,
    logFile: path.join(dirB, 'server.log'),
    env: { ...common(), DATA_DIR: dirB, FACTORY_URL: `${a.url}/factory` },
  });
  ta = { name: 'postgres', url: a.url, dataDir: dirA };
  tb = { name: 'postgres', url: b.url, dataDir: dirB };
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  if (database) await dropDatabase(database.name);
  for (const dir of [dirA, dirB]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('two instances on one PostgreSQL database', () => {
  it('B uses the factory hosted by A', async () => {
    expect((await call(tb, 'GET', '/api/docs')).body.config).toEqual({ factory: `${a.url}/factory` });
  });

  it('concurrent configuration writers on both instances: exactly one wins', async () => {
    const before = (await factoryAdmin(ta, ADMIN_KEY)('GET', '/config')).body;
    const writers = [ta, tb, ta, tb, ta, tb].map((t, i) =>
      factoryAdmin(t, ADMIN_KEY)('PUT', '/config', { changes: { maxItemsPerOrder: 10 + i }, reason: `writer ${i}`, expectedVersion: before.version }),
    );
    const results = await Promise.all(writers);
    expect(results.map((r) => r.status).sort(), results.map((r) => r.text).join('\n')).toEqual([200, 409, 409, 409, 409, 409]);
    const versions = (await factoryAdmin(ta, ADMIN_KEY)('GET', '/config/history')).body.versions;
    expect(versions.filter((v: { version: number }) => v.version > before.version)).toHaveLength(1);
  });

  it('a change made through one instance is in force for the next write through the other, at once', async () => {
    const onA = factoryAdmin(ta, ADMIN_KEY);
    const onB = factoryAdmin(tb, ADMIN_KEY);
    const before = (await onA('GET', '/config')).body; // A has just read (and cached) the configuration

    // A drill started through B is ended through A (an on-call engineer behind a load balancer).
    const started = await onB('PUT', '/config', { changes: { failureRate: 1 }, reason: 'drill via B', experiment: { expiresAt: inMinutes(10) } });
    expect(started.status, started.text).toBe(200);
    const ended = await onA('POST', '/config/experiment/end', { reason: 'ended via A' });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body).toMatchObject({ version: before.version + 2, kind: 'revert', document: before.document });

    // A change through B, then one through A that names B's version as the expected one.
    const viaB = await onB('PUT', '/config', { changes: { maxItemsPerOrder: 7 }, reason: 'via B', expectedVersion: before.version + 2 });
    expect(viaB.status, viaB.text).toBe(200);
    const viaA = await onA('PUT', '/config', { changes: { maxItemsPerOrder: 8 }, reason: 'via A', expectedVersion: viaB.body.version });
    expect(viaA.status, viaA.text).toBe(200);
    expect(viaA.body).toMatchObject({ version: before.version + 4, diff: [{ path: 'maxItemsPerOrder', from: 7, to: 8 }] });
  });

  it(`${ORDERS} orders piled up behind a slow factory, spread over both: after recovery each is fulfilled by exactly one worker`, async () => {
    const diner: TestUser = await registerUser(ta, 'two-workers');
    const franchise: TestFranchise = await createFranchise(ta);
    const veggieId = (await menuByTitle(ta)).get('Veggie')!.id;
    const admin = factoryAdmin(ta, ADMIN_KEY);

    const slow = await admin('PUT', '/config', { changes: { processingDelayMs: 5_000 }, reason: 'slow oven drill', experiment: { expiresAt: inMinutes(10) } });
    expect(slow.status, slow.text).toBe(200);

    // Placed four at a time, alternating between the instances.
    const ids: number[] = [];
    for (let batch = 0; batch < ORDERS / 4; batch++) {
      const placed = await Promise.all([ta, tb, ta, tb].map((t) => timed(() => order(t, diner.token, franchise, [veggieId]))));
      for (const { value: res, ms } of placed) {
        expect(res.status, res.text).toBe(202);
        expect(res.body.order.status).toBe('pending');
        expect(ms).toBeLessThan(2_500);
        ids.push(res.body.order.id);
      }
    }
    expect(new Set(ids).size).toBe(ORDERS);

    const ended = await admin('POST', '/config/experiment/end', { reason: 'oven fixed' });
    expect(ended.status, ended.text).toBe(200);

    const read = (id: number, t: Target) => call(t, 'GET', `/api/order/${id}`, { token: diner.token }).then((r) => r.body);
    const orders = await until(
      `${ORDERS} orders to be fulfilled`,
      () => Promise.all(ids.map((id, i) => read(id, i % 2 ? tb : ta))),
      (list) => list.every((o) => o.status === 'fulfilled'),
      60_000,
      500,
    );
    for (const o of orders) {
      const { payload } = await verifyWithJwks(ta, o.jwt);
      expect(payload).toMatchObject({ order: { id: o.id }, diner: { id: diner.id } });
      // Both instances serve the same pizza.
      expect((await read(o.id, tb)).jwt).toBe(o.jwt);
    }

    const counts = await fulfilledLogCountsOnceWritten(ids, [a.logFile, b.logFile]);
    expect(ids.map((id) => [id, counts.get(id) ?? 0])).toEqual(ids.map((id) => [id, 1]));
  }, 120_000);
});
