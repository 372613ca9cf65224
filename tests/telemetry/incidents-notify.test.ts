import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { PrismaClient as SqliteClient } from '@/lib/generated/sqlite/client';
import type { DeliveryOptions } from '@/lib/telemetry/notify/deliver';
import { useTestEnv } from './support/env';

/**
 * Webhook delivery against a local HTTP receiver: retry with backoff after a 500, giving up
 * after maxAttempts, the 'resolved' notification waiting for the 'firing' one, two deliverers
 * racing (one POST per notification), and the generic and Slack bodies.
 */

const env = useTestEnv();
afterAll(() => env.cleanup());

interface Received {
  body: any;
  at: number;
}

let server: Server;
let url: string;
let received: Received[] = [];
/** Statuses to answer, in order; 200 once they run out. */
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      received.push({ body: JSON.parse(text), at: Date.now() });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('webhook notifications', () => {
  let dbs: [Db, Db];
  const options = (o: Partial<DeliveryOptions> = {}): DeliveryOptions => ({ url, format: 'generic', maxAttempts: 4, backoffMs: 200, baseUrl: 'https://pizza.example', timeoutMs: 2_000, claimMs: 10_000, ...o });

  beforeAll(async () => {
    const { migrate } = await import('@/lib/db/migrate');
    const file = path.join(env.dataDir, 'notify.db');
    await migrate('sqlite', `file:${file}`);
    const client = () => new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file, timeout: 5_000 }) });
    dbs = [client(), client()];
  });
  afterAll(async () => void (await Promise.all(dbs.map((d) => d.$disconnect()))));
  beforeEach(async () => {
    received = [];
    answers = [];
    await dbs[0].incident.deleteMany();
  });

  async function incidentWith(kinds: ('firing' | 'resolved')[]) {
    const [db] = dbs;
    const now = Date.now();
    const change = await db.configChangeEvent.create({
      data: { source: 'test', version: Math.floor(Math.random() * 1e6), type: 'experiment.started', kind: 'experiment', author: 'ops', reason: 'drill <slow>', diff: JSON.stringify([{ path: 'processingDelayMs', from: 0, to: 32_000 }]), document: '{}', appliedAt: new Date(now - 3_000) },
    });
    return db.incident.create({
      data: {
        title: 'Factory latency critical',
        severity: 'critical',
        firstBadAt: new Date(now - 2_000),
        detectedAt: new Date(now),
        ruleIds: JSON.stringify(['factory-latency-critical']),
        likelyCauseId: change.id,
        configVersion: change.version,
        notifications: { create: kinds.map((kind) => ({ kind, nextAttemptAt: new Date(now - 1) })) },
      },
      include: { notifications: true },
    });
  }

  it('retries a 500 with backoff, then delivers once; the generic body', async () => {
    const { deliverNotifications } = await import('@/lib/telemetry/notify/deliver');
    const [db] = dbs;
    const incident = await incidentWith(['firing']);
    answers = [500];
    expect(await deliverNotifications(db, options())).toBe(1);
    let row = await db.alertNotification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500', claimedUntil: null });
    // The first retry is due backoffMs after the failed attempt.
    const retryIn = row.nextAttemptAt.getTime() - received[0]!.at;
    expect(retryIn).toBeGreaterThanOrEqual(200);
    expect(retryIn).toBeLessThan(300);
    // Not due yet: nothing is sent.
    expect(await deliverNotifications(db, options())).toBe(0);
    await new Promise((r) => setTimeout(r, 250));
    expect(await deliverNotifications(db, options())).toBe(1);
    row = await db.alertNotification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastError: null });
    expect(await deliverNotifications(db, options())).toBe(0);
    expect(received).toHaveLength(2);
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(200);

    const body = received[1]!.body;
    expect(body).toMatchObject({
      version: 1,
      event: 'incident.firing',
      incident: {
        id: incident.id,
        title: 'Factory latency critical',
        severity: 'critical',
        status: 'open',
        timeToDetectMs: 2_000,
        url: `https://pizza.example/admin/incidents/${incident.id}`,
        likelyCause: { kind: 'experiment', diff: [{ path: 'processingDelayMs', from: 0, to: 32_000 }], href: expect.stringMatching(/^\/admin\/factory#version-\d+$/) },
      },
      alerts: [{ id: 'factory-latency-critical', name: 'Factory latency critical', severity: 'critical', state: 'normal' }],
    });
    expect(Date.parse(body.sentAt)).not.toBeNaN();
  });

  it('backs off exponentially and gives up after maxAttempts, keeping the last outcome', async () => {
    const { deliverNotifications, backoffMs } = await import('@/lib/telemetry/notify/deliver');
    expect([1, 2, 3, 4, 20].map((n) => backoffMs(n, 1_000))).toEqual([1_000, 2_000, 4_000, 8_000, 300_000]);
    const [db] = dbs;
    const incident = await incidentWith(['firing']);
    answers = [503, 503];
    const far = () => Date.now() + 3_600_000;
    expect(await deliverNotifications(db, options({ maxAttempts: 2 }))).toBe(1);
    expect(await deliverNotifications(db, options({ maxAttempts: 2 }), far())).toBe(1);
    expect(await db.alertNotification.findFirstOrThrow({ where: { incidentId: incident.id } })).toMatchObject({ status: 'failed', attempts: 2, lastStatus: 503, lastError: 'HTTP 503' });
    expect(await deliverNotifications(db, options({ maxAttempts: 2 }), far())).toBe(0);

    // A receiver that is not there: the error is recorded without the URL.
    const other = await incidentWith(['firing']);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await deliverNotifications(db, options({ url: `http://127.0.0.1:${port}/secret-path`, maxAttempts: 1 }));
    const row = await db.alertNotification.findFirstOrThrow({ where: { incidentId: other.id } });
    expect(row).toMatchObject({ status: 'failed', lastStatus: null, lastError: 'ECONNREFUSED' });
  });

  it('sends resolved only after firing, and two racing deliverers send each notification once', async () => {
    const { deliverNotifications } = await import('@/lib/telemetry/notify/deliver');
    const [a, b] = dbs;
    const incident = await incidentWith(['firing', 'resolved']);
    await a.alertNotification.updateMany({ where: { incidentId: incident.id, kind: 'firing' }, data: { nextAttemptAt: new Date(Date.now() + 60_000) } });
    // The firing one is not due: the resolved one waits.
    expect(await deliverNotifications(a, options())).toBe(0);
    await a.alertNotification.updateMany({ where: { incidentId: incident.id, kind: 'firing' }, data: { nextAttemptAt: new Date() } });
    await Promise.all([deliverNotifications(a, options()), deliverNotifications(b, options())]);
    await Promise.all([deliverNotifications(a, options()), deliverNotifications(b, options())]);
    expect(received.map((r) => r.body.event)).toEqual(['incident.firing', 'incident.resolved']);
  });

  it('speaks Slack when asked', async () => {
    const { deliverNotifications } = await import('@/lib/telemetry/notify/deliver');
    const [db] = dbs;
    const incident = await incidentWith(['firing']);
    await deliverNotifications(db, options({ format: 'slack' }));
    const body = received[0]!.body;
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.text).toBe(`:rotating_light: Incident ${incident.id} firing: Factory latency critical`);
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('*Likely cause:* <https://pizza.example/admin/factory#version-');
    expect(text).toContain('processingDelayMs 0 → 32000');
    expect(text).toContain(`<https://pizza.example/admin/incidents/${incident.id}|Open incident ${incident.id}>`);
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'context', 'section']);
  });
});
