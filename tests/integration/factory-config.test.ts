import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../support/server';
import {
  call,
  createFranchise,
  decodeJwt,
  menuByTitle,
  order,
  privateServerEnv,
  registerUser,
  type Target,
  type TestFranchise,
  type TestUser,
} from './support';
import {
  expectedSignature,
  factoryAdmin,
  inMinutes,
  pizzaRequest,
  signatureVerifies,
  sleep,
  timed,
  until,
  verifyWithJwks,
} from './factory-helpers';

/**
 * The factory's configuration (the 2024-11-22 incident: processingDelayMs 32000 applied as an
 * ordinary change), proven over HTTP against the embedded factory of a private server: the
 * safe envelope, experiments that end by themselves, optimistic concurrency, rollbacks, signed
 * announcements with retries, and key rotation that keeps old pizzas verifiable.
 *
 * The tests share one factory and run in order; each reads the version it starts from.
 */
const ADMIN_KEY = 'factory-config-admin-key-3d9a61c2e8';
const VENDOR_KEY = 'factory-config-vendor-key-b47e0f15a2';
const STORE_WEBHOOK_SECRET = 'factory-config-store-webhook-secret-6c2d';
const KEY_PUBLISH_LEAD_MS = 2_000;
/** The default safe limit (FACTORY_SAFE_MAX_DELAY_MS unset). */
const SAFE_MAX_DELAY_MS = 500;

let dataDir: string;
let server: RunningServer;
let t: Target;
let admin: ReturnType<typeof factoryAdmin>;
let diner: TestUser;
let franchise: TestFranchise;
let veggieId: number;

/** A vendor's order straight to the factory. */
const factoryOrder = (orderId: number, signal?: AbortSignal) =>
  fetch(`${t.url}/factory/api/order`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${VENDOR_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(pizzaRequest(orderId)),
    signal,
  });

const config = async () => {
  const res = await admin('GET', '/config');
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const history = async () => {
  const res = await admin('GET', '/config/history');
  expect(res.status, res.text).toBe(200);
  return res.body.versions as any[];
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-factory-config-'));
  server = await startServer({
    port: await freePort(3261),
    logFile: path.join(dataDir, 'server.log'),
    env: {
      DATA_DIR: dataDir,
      ...privateServerEnv({ vendorKey: VENDOR_KEY, adminKey: ADMIN_KEY, webhookSecret: STORE_WEBHOOK_SECRET }),
      CACHE_TTL_MS: '0',
      FACTORY_KEY_PUBLISH_LEAD_MS: String(KEY_PUBLISH_LEAD_MS),
    },
  });
  t = { name: 'sqlite', url: server.url, dataDir };
  admin = factoryAdmin(t, ADMIN_KEY);
  diner = await registerUser(t, 'factory-config');
  franchise = await createFranchise(t);
  veggieId = (await menuByTitle(t)).get('Veggie')!.id;
  // Warm up the routes used below, so that first-load costs do not count in the timings.
  expect((await factoryOrder(1)).status).toBe(200);
  expect((await order(t, diner.token, franchise, [veggieId])).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the factory configuration API', () => {
  it('requires the factory admin key', async () => {
    expect((await call(t, 'GET', '/factory/api/config')).status).toBe(401);
    expect((await call(t, 'PUT', '/factory/api/config', { token: VENDOR_KEY, body: { changes: { processingDelayMs: 1 }, reason: 'no key' } })).status).toBe(401);
    expect((await call(t, 'GET', '/factory/api/config/history', { token: `${ADMIN_KEY}x` })).status).toBe(401);
  });

  it('refuses processingDelayMs 32000 as an ordinary change: 422 naming the field and the limit; nothing changes and pizzas stay fast', async () => {
    const before = await config();
    const versionsBefore = await history();
    expect(before.document.processingDelayMs).toBeLessThanOrEqual(SAFE_MAX_DELAY_MS);

    for (const body of [
      { changes: { processingDelayMs: 32_000 }, reason: 'slower oven', expectedVersion: before.version },
      { processingDelayMs: 32_000, reason: 'slower oven, top-level form' },
    ]) {
      const res = await admin('PUT', '/config', body);
      expect(res.status, res.text).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'processingDelayMs', message: expect.stringContaining(String(SAFE_MAX_DELAY_MS)) }]);
      expect(res.body.errors[0].message).toContain('32000');
      expect(res.body.message).toContain(String(SAFE_MAX_DELAY_MS));
    }

    expect(await config()).toEqual(before);
    expect(await history()).toEqual(versionsBefore);

    const { value: res, ms } = await timed(() => factoryOrder(2));
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1_000);
  });

  it('applies the same value as an experiment: pizzas take that long, and it reverts by itself at expiry, as a version authored by the factory', async () => {
    const before = await config();
    const expiresAt = new Date(Date.now() + 6_000).toISOString();
    const started = await admin('PUT', '/config', {
      changes: { processingDelayMs: 32_000 },
      reason: 'rehearse the 2024-11-22 incident',
      author: 'drill@jwt.pizza',
      expectedVersion: before.version,
      experiment: { expiresAt },
    });
    expect(started.status, started.text).toBe(200);
    expect(started.body).toMatchObject({
      version: before.version + 1,
      kind: 'experiment',
      author: 'drill@jwt.pizza',
      document: { ...before.document, processingDelayMs: 32_000 },
      diff: [{ path: 'processingDelayMs', from: before.document.processingDelayMs, to: 32_000 }],
      expiresAt,
      revertsTo: before.version,
    });
    expect(await config()).toMatchObject({ version: before.version + 1, kind: 'experiment' });

    // A real order is not answered within 3 s (the oven now takes 32 s).
    const outcome = await factoryOrder(3, AbortSignal.timeout(3_000)).then(
      (res) => ({ answered: true, status: res.status }),
      (error: Error) => ({ answered: false, error: error.name }),
    );
    expect(outcome).toEqual({ answered: false, error: 'TimeoutError' });

    // No other change applies while the experiment runs.
    const blocked = await admin('PUT', '/config', { changes: { maxItemsPerOrder: 5 }, reason: 'during the drill' });
    expect(blocked.status).toBe(409);

    // Nobody acts: the history (a plain read that reverts nothing) shows the revert once the expiry passes.
    const versions = await until(
      'the experiment to revert by itself',
      history,
      (v) => v[0].version > before.version + 1,
      20_000,
      250,
    );
    const [revert, experiment] = versions;
    expect(revert).toMatchObject({
      version: before.version + 2,
      kind: 'revert',
      author: expect.stringMatching(/^factory\b/),
      document: before.document,
      diff: [{ path: 'processingDelayMs', from: 32_000, to: before.document.processingDelayMs }],
      revertsTo: before.version,
    });
    expect(Date.parse(revert.createdAt)).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    expect(experiment).toMatchObject({
      version: before.version + 1,
      kind: 'experiment',
      author: 'drill@jwt.pizza',
      reason: 'rehearse the 2024-11-22 incident',
      diff: [{ path: 'processingDelayMs', from: before.document.processingDelayMs, to: 32_000 }],
      expiresAt,
    });
    expect(await config()).toMatchObject({ version: before.version + 2, kind: 'revert', document: { processingDelayMs: 0 } });

    const { value: res, ms } = await timed(() => factoryOrder(4));
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1_000);
  });

  it('POST /config/experiment/end ends an experiment early', async () => {
    const before = await config();
    const started = await admin('PUT', '/config', { changes: { processingDelayMs: 32_000 }, reason: 'drill', experiment: { expiresAt: inMinutes(10) } });
    expect(started.status, started.text).toBe(200);

    const ended = await admin('POST', '/config/experiment/end', { reason: 'seen enough' });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body).toMatchObject({ version: before.version + 2, kind: 'revert', reason: 'seen enough', document: before.document, revertsTo: before.version });
    expect(await config()).toMatchObject({ version: before.version + 2, document: { processingDelayMs: 0 } });
    expect((await admin('POST', '/config/experiment/end', {})).status).toBe(409);

    const { value: res, ms } = await timed(() => factoryOrder(5));
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1_000);
  });

  it('the original chaos switch (vendor key) starts a throttle drill, and opening its reportUrl ends it', async () => {
    const before = await config();
    expect((await call(t, 'PUT', '/factory/api/vendor/chaos/throttle')).status).toBe(401);

    const chaos = await call(t, 'PUT', '/factory/api/vendor/chaos/throttle', { token: VENDOR_KEY });
    expect(chaos.status, chaos.text).toBe(200);
    expect(chaos.body).toEqual({ message: expect.any(String), reportUrl: expect.stringMatching(/^https?:\/\/.+\/factory\/api\/support\/[^/]+\/report$/) });
    expect(await config()).toMatchObject({ version: before.version + 1, kind: 'experiment', document: { processingDelayMs: 32_000 } });

    const report = await fetch(chaos.body.reportUrl);
    expect(report.status).toBe(200);
    expect(await report.json()).toMatchObject({ message: expect.any(String), version: before.version + 2 });
    expect(await config()).toMatchObject({ version: before.version + 2, kind: 'revert', document: before.document });

    // The link works once.
    expect((await fetch(chaos.body.reportUrl)).status).toBe(409);
    const { value: res, ms } = await timed(() => factoryOrder(6));
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1_000);
  });

  it('concurrent writers with the same expectedVersion: exactly one wins, the others get 409, and one version is written', async () => {
    const before = await config();
    const writers = [11, 12, 13, 14, 15, 16].map((maxItemsPerOrder) =>
      admin('PUT', '/config', { changes: { maxItemsPerOrder }, reason: `writer ${maxItemsPerOrder}`, expectedVersion: before.version }),
    );
    const results = await Promise.all(writers);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, results.map((r) => r.text).join('\n')).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body;

    const newer = (await history()).filter((v) => v.version > before.version);
    expect(newer).toHaveLength(1);
    expect(newer[0]).toMatchObject({ version: before.version + 1, kind: 'change', document: winner.document });
    expect(await config()).toMatchObject({ version: before.version + 1, document: winner.document });
  });

  it('a rollback writes a new version of kind rollback; a rollback to a version outside the envelope, or with a stale expectedVersion, is refused', async () => {
    const base = await config();
    const changed = await admin('PUT', '/config', { changes: { maxItemsPerOrder: 3 }, reason: 'small orders only', expectedVersion: base.version });
    expect(changed.status, changed.text).toBe(200);

    const rolled = await admin('POST', '/config/rollback', { version: base.version, reason: 'undo small orders', expectedVersion: base.version + 1 });
    expect(rolled.status, rolled.text).toBe(200);
    expect(rolled.body).toMatchObject({
      version: base.version + 2,
      kind: 'rollback',
      revertsTo: base.version,
      document: base.document,
      diff: [{ path: 'maxItemsPerOrder', from: 3, to: base.document.maxItemsPerOrder }],
    });

    // The experiments' versions held processingDelayMs 32000: outside the envelope.
    const unsafe = (await history()).find((v) => v.document.processingDelayMs > SAFE_MAX_DELAY_MS);
    expect(unsafe).toBeDefined();
    const refused = await admin('POST', '/config/rollback', { version: unsafe.version, reason: 'back to the slow oven' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'processingDelayMs', message: expect.stringContaining(String(SAFE_MAX_DELAY_MS)) }]);

    const stale = await admin('POST', '/config/rollback', { version: base.version, reason: 'stale', expectedVersion: base.version });
    expect(stale.status).toBe(409);
    expect((await admin('POST', '/config/rollback', { version: 99_999, reason: 'no such version' })).status).toBe(404);
    expect(await config()).toMatchObject({ version: base.version + 2, kind: 'rollback' });
  });
});

describe('configuration announcements (webhooks)', () => {
  const RECEIVER_SECRET = 'receiver-secret-for-the-test-5f0e2b9d';
  let receiver: http.Server;
  let receiverUrl: string;
  const received: { signature: string | undefined; body: string; answered: number }[] = [];
  let failuresLeft = 0;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const answered = failuresLeft > 0 ? 500 : 200;
        if (failuresLeft > 0) failuresLeft -= 1;
        received.push({ signature: req.headers['x-jwt-pizza-signature'] as string | undefined, body, answered });
        res.writeHead(answered, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/factory`;
  });

  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('every change reaches a subscriber, signed; a failed delivery is retried until delivered', async () => {
    const subscribed = await admin('POST', '/webhooks', { url: receiverUrl, secret: RECEIVER_SECRET });
    expect(subscribed.status, subscribed.text).toBe(200);
    expect(subscribed.body).toMatchObject({ id: expect.any(Number), url: receiverUrl });

    failuresLeft = 1; // the receiver answers 500 to the first delivery
    const before = await config();
    const change = await admin('PUT', '/config', {
      changes: { maxItemsPerOrder: 12 },
      reason: 'announce me',
      author: 'ops@jwt.pizza',
      expectedVersion: before.version,
    });
    expect(change.status, change.text).toBe(200);
    const version = change.body.version;

    const forVersion = () => received.filter((r) => JSON.parse(r.body).version === version);
    await until('a retried delivery', async () => forVersion().map((r) => r.answered), (a) => a.includes(200), 20_000, 200);
    const deliveries = forVersion();
    expect(deliveries.map((d) => d.answered)).toEqual([500, 200]);
    for (const delivery of deliveries) {
      expect(signatureVerifies(RECEIVER_SECRET, delivery.body, delivery.signature), delivery.signature).toBe(true);
      expect(signatureVerifies('some-other-secret-some-other-secret', delivery.body, delivery.signature)).toBe(false);
      expect(JSON.parse(delivery.body)).toMatchObject({
        type: 'config.applied',
        version,
        kind: 'change',
        author: 'ops@jwt.pizza',
        reason: 'announce me',
        diff: [{ path: 'maxItemsPerOrder', from: before.document.maxItemsPerOrder, to: 12 }],
        document: { ...before.document, maxItemsPerOrder: 12 },
        appliedAt: change.body.createdAt,
      });
    }

    const hooks = await until(
      'the delivery to show as delivered',
      async () => (await admin('GET', '/webhooks')).body.webhooks as any[],
      (list) => list.find((h) => h.url === receiverUrl)?.recent.find((d: any) => d.version === version)?.status === 'delivered',
    );
    const hook = hooks.find((h) => h.url === receiverUrl);
    expect(hook.recent.find((d: any) => d.version === version)).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastError: null });
    expect(hook).toMatchObject({ delivered: 1, pending: 0, failed: 0 });
    expect(JSON.stringify(hooks)).not.toContain(RECEIVER_SECRET);
  });

  it("the store's own webhook records every change, experiments included", async () => {
    const before = await config();
    const change = await admin('PUT', '/config', { changes: { maxItemsPerOrder: 14 }, reason: 'store should hear this', author: 'ops@jwt.pizza' });
    expect(change.status, change.text).toBe(200);
    const started = await admin('PUT', '/config', { changes: { failureRate: 1 }, reason: 'fail drill', experiment: { expiresAt: inMinutes(10) } });
    expect(started.status, started.text).toBe(200);
    const ended = await admin('POST', '/config/experiment/end', { reason: 'fail drill over' });
    expect(ended.status, ended.text).toBe(200);

    const storeDb = path.join(dataDir, 'jwt-pizza.db');
    const events = await until(
      'the store to record the three announcements',
      async () => {
        const db = new Database(storeDb, { readonly: true, fileMustExist: true });
        try {
          return db.prepare('SELECT version, type, kind, author, reason, diff FROM "ConfigChangeEvent" WHERE version > ? ORDER BY version').all(before.version) as any[];
        } finally {
          db.close();
        }
      },
      (rows) => rows.length >= 3,
    );
    expect(events.map((e) => ({ ...e, diff: JSON.parse(e.diff) }))).toEqual([
      {
        version: before.version + 1,
        type: 'config.applied',
        kind: 'change',
        author: 'ops@jwt.pizza',
        reason: 'store should hear this',
        diff: [{ path: 'maxItemsPerOrder', from: before.document.maxItemsPerOrder, to: 14 }],
      },
      {
        version: before.version + 2,
        type: 'experiment.started',
        kind: 'experiment',
        author: 'factory admin',
        reason: 'fail drill',
        diff: [{ path: 'failureRate', from: 0, to: 1 }],
      },
      {
        version: before.version + 3,
        type: 'experiment.ended',
        kind: 'revert',
        author: 'factory admin',
        reason: 'fail drill over',
        diff: [{ path: 'failureRate', from: 1, to: 0 }],
      },
    ]);
  });

  it('the store refuses an announcement whose signature is missing, wrong, stale or for another body (401)', async () => {
    const announcement = {
      type: 'config.applied',
      version: 90_001,
      kind: 'change',
      author: 'mallory',
      reason: 'sneaky change',
      diff: [{ path: 'processingDelayMs', from: 0, to: 32_000 }],
      document: { processingDelayMs: 32_000 },
      appliedAt: new Date().toISOString(),
      expiresAt: null,
    };
    const body = JSON.stringify(announcement);
    const now = Math.floor(Date.now() / 1000);
    const post = (raw: string, signature?: string) =>
      call(t, 'POST', '/api/factory/events', { raw, headers: signature ? { 'x-jwt-pizza-signature': signature } : {} });

    const tamperedBody = JSON.stringify({ ...announcement, author: 'ops@jwt.pizza' });
    const signed = expectedSignature(STORE_WEBHOOK_SECRET, now, body);
    for (const [what, raw, signature] of [
      ['no signature', body, undefined],
      ['garbage', body, 'nonsense'],
      ['another secret', body, expectedSignature('not-the-store-webhook-secret-000000', now, body)],
      ['a tampered body', tamperedBody, signed],
      ['a tampered signature', body, signed.replace(/v1=(.)/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`)],
      ['a replayed (stale) signature', body, expectedSignature(STORE_WEBHOOK_SECRET, now - 3_600, body)],
    ] as const) {
      const res = await post(raw, signature);
      expect(res.status, what).toBe(401);
    }
    const events = () => {
      const db = new Database(path.join(dataDir, 'jwt-pizza.db'), { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM "ConfigChangeEvent" WHERE version = 90001').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(events()).toBe(0);

    // The same body with a good signature is accepted: the refusals above are about the signature.
    const accepted = await post(body, signed);
    expect(accepted.status, accepted.text).toBe(200);
    expect(events()).toBe(1);
  });
});

describe('signing key rotation', () => {
  it('a rotated key is published first, signs only after the publish lead, and old pizzas stay verifiable', async () => {
    const old = await order(t, diner.token, franchise, [veggieId]);
    expect(old.status, old.text).toBe(200);
    const oldKid = decodeJwt(old.body.jwt).header.kid as string;

    const rotated = await admin('POST', '/keys/rotate');
    expect(rotated.status, rotated.text).toBe(200);
    const fresh = rotated.body.keys.find((k: any) => k.kid !== oldKid);
    expect(fresh).toMatchObject({ signing: false, retiredAt: null });
    const signingFrom = Date.parse(fresh.signingFrom);
    expect(rotated.body.keys.find((k: any) => k.kid === oldKid)).toMatchObject({ signing: true, retiredAt: expect.any(String) });

    const jwks = (await call(t, 'GET', '/factory/.well-known/jwks.json')).body;
    expect(jwks.keys.map((k: any) => k.kid).sort()).toEqual([oldKid, fresh.kid].sort());

    // Within the lead, pizzas are still signed with the old key.
    const early = await factoryOrder(21);
    expect(Date.now(), 'the pizza was made within the publish lead').toBeLessThan(signingFrom);
    expect(decodeJwt(((await early.json()) as { jwt: string }).jwt).header.kid).toBe(oldKid);

    // Once the lead has passed, the new key signs.
    await sleep(Math.max(0, signingFrom - Date.now()) + 100);
    const late = await factoryOrder(22);
    expect(late.status).toBe(200);
    const lateJwt = ((await late.json()) as { jwt: string }).jwt;
    expect(decodeJwt(lateJwt).header.kid).toBe(fresh.kid);
    const keys = (await admin('GET', '/keys')).body.keys;
    expect(keys.find((k: any) => k.kid === fresh.kid)).toMatchObject({ signing: true });
    expect(keys.find((k: any) => k.kid === oldKid)).toMatchObject({ signing: false });

    // The store verifies the new pizzas too (it fetches the new key from the JWKS).
    const viaStore = await order(t, diner.token, franchise, [veggieId]);
    expect(viaStore.status, viaStore.text).toBe(200);
    expect(decodeJwt(viaStore.body.jwt).header.kid).toBe(fresh.kid);

    // The old pizza still verifies: at the factory, and with the JWKS alone.
    const verified = await call(t, 'POST', '/factory/api/order/verify', { body: { jwt: old.body.jwt } });
    expect(verified.status).toBe(200);
    expect(verified.body.message).toBe('valid');
    expect((await verifyWithJwks(t, old.body.jwt)).kid).toBe(oldKid);
    expect((await verifyWithJwks(t, lateJwt)).kid).toBe(fresh.kid);
    expect((await call(t, 'POST', '/factory/api/order/verify', { body: { jwt: lateJwt } })).body.message).toBe('valid');
  });
});
