import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { factoryAdmin, fulfilledLogCountsOnceWritten, inMinutes, pizzaRequest, sleep, timed, until, verifyWithJwks } from './factory-helpers';

/**
 * Orders survive a slow or broken factory. One private server on SQLite with its embedded
 * factory, made slow (an experiment with processingDelayMs far above the store's time budget),
 * failing (failureRate 1) or dishonest (badJwtRate 1) through the factory's own admin API.
 * The store must answer within its budget, stop waiting once the circuit opens, and fulfil
 * every order exactly once when the factory recovers, even across a SIGKILL.
 *
 * The tests run in order and share the server; each one ends the experiment it starts.
 */
const ADMIN_KEY = 'resilience-factory-admin-key-0e7c4b92';
const VENDOR_KEY = 'resilience-factory-vendor-key-58a1d3f6';
const WEBHOOK_SECRET = 'resilience-factory-webhook-secret-c93e';
const TIMEOUT_MS = 1_000;
const BREAKER_COOLDOWN_MS = 1_000;
const SLOW_MS = 5_000;

let dataDir: string;
let port: number;
let server: RunningServer;
let t: Target;
let admin: ReturnType<typeof factoryAdmin>;
let diner: TestUser;
let franchise: TestFranchise;
let veggieId: number;

const start = async () => {
  server = await startServer({
    port,
    logFile: path.join(dataDir, 'server.log'),
    env: {
      DATA_DIR: dataDir,
      ...privateServerEnv({ vendorKey: VENDOR_KEY, adminKey: ADMIN_KEY, webhookSecret: WEBHOOK_SECRET }),
      CACHE_TTL_MS: '0',
      FACTORY_TIMEOUT_MS: String(TIMEOUT_MS),
      BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
      FULFILMENT_WORKER: 'on',
      FULFILMENT_INTERVAL_MS: '200',
    },
  });
  t = { name: 'sqlite', url: server.url, dataDir };
  admin = factoryAdmin(t, ADMIN_KEY);
};

async function startExperiment(changes: Record<string, number>) {
  const res = await admin('PUT', '/config', { changes, reason: `resilience drill ${JSON.stringify(changes)}`, experiment: { expiresAt: inMinutes(10) } });
  expect(res.status, res.text).toBe(200);
  expect(res.body.kind).toBe('experiment');
}

async function endExperiment() {
  const res = await admin('POST', '/config/experiment/end', { reason: 'the factory recovers' });
  expect(res.status, res.text).toBe(200);
}

/** Places an order and says how long the store took to answer. */
const timedOrder = () => timed(() => order(t, diner.token, franchise, [veggieId]));

/** Expects a 202 "confirmed, waiting for the factory" answer and returns the order id. */
function expectPending(res: Awaited<ReturnType<typeof order>>): number {
  expect(res.status, res.text).toBe(202);
  expect(res.body).toMatchObject({ message: expect.stringMatching(/waiting for the factory/), order: { id: expect.any(Number), status: 'pending' } });
  expect(res.body).not.toHaveProperty('jwt');
  return res.body.order.id;
}

const getOrder = async (id: number) => {
  const res = await call(t, 'GET', `/api/order/${id}`, { token: diner.token });
  expect(res.status, res.text).toBe(200);
  return res.body;
};

/**
 * Waits until every order is fulfilled, then checks each pizza: it verifies against the
 * factory's JWKS, carries its own order id and diner, does not change on a later read, and
 * exactly one `order fulfilled` line names it in the given logs.
 */
async function expectAllFulfilledOnce(ids: number[], logFiles: string[]) {
  const orders = await until(
    `${ids.length} orders to be fulfilled`,
    () => Promise.all(ids.map(getOrder)),
    (list) => list.every((o) => o.status === 'fulfilled'),
    60_000,
    500,
  );
  for (const o of orders) {
    expect(o.jwt, `order ${o.id}`).toEqual(expect.any(String));
    const { payload } = await verifyWithJwks(t, o.jwt);
    expect(payload).toMatchObject({ order: { id: o.id, franchiseId: franchise.id, storeId: franchise.storeId }, diner: { id: diner.id } });
  }
  const again = await Promise.all(ids.map(getOrder));
  expect(again.map((o) => o.jwt)).toEqual(orders.map((o) => o.jwt));
  const counts = await fulfilledLogCountsOnceWritten(ids, logFiles);
  expect(ids.map((id) => [id, counts.get(id) ?? 0])).toEqual(ids.map((id) => [id, 1]));
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-resilience-'));
  port = await freePort(3271);
  await start();
  diner = await registerUser(t, 'resilience');
  franchise = await createFranchise(t);
  veggieId = (await menuByTitle(t)).get('Veggie')!.id;
  // A healthy factory first: a pizza at once (this also warms up the routes timed below).
  const res = await order(t, diner.token, franchise, [veggieId]);
  expect(res.status, res.text).toBe(200);
});

/** A failed test must not leave the factory broken for the next group of tests. */
async function endAnyExperiment() {
  const current = await admin('GET', '/config');
  if (current.body?.kind === 'experiment') await admin('POST', '/config/experiment/end', { reason: 'test cleanup' });
}

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a slow factory (processingDelayMs far above FACTORY_TIMEOUT_MS)', () => {
  const pending: number[] = [];
  // The three tests below are one story: the experiment runs from the first to the last.
  afterAll(endAnyExperiment);

  it(`the store answers within its ${TIMEOUT_MS} ms budget with 202, and keeps the order as pending`, async () => {
    await startExperiment({ processingDelayMs: SLOW_MS });
    const { value: res, ms } = await timedOrder();
    const id = expectPending(res);
    expect(ms).toBeLessThan(2_500);
    pending.push(id);
    expect(await getOrder(id)).toMatchObject({ id, status: 'pending', jwt: null, fulfilledAt: null });
  });

  it('after enough failures the circuit opens: orders are answered without waiting on the factory, at most one at a time probing it', async () => {
    // Two more timed-out calls (with the first: three failures out of three) open the circuit.
    for (let i = 0; i < 2; i++) {
      const { value: res, ms } = await timedOrder();
      pending.push(expectPending(res));
      expect(ms).toBeLessThan(2_500);
    }
    // Rounds of three simultaneous orders over two open/half-open cycles of the breaker: in each
    // round at most one order may be the probe that waits for the factory; the others are
    // answered at once (the factory takes 5 s, the budget is 1 s).
    const rounds: number[][] = [];
    for (let round = 0; round < 8; round++) {
      const results = await Promise.all([timedOrder(), timedOrder(), timedOrder()]);
      for (const { value, ms } of results) {
        pending.push(expectPending(value));
        if (ms < 500) expect(value.body.message).toMatch(/the factory is failing/);
      }
      rounds.push(results.map(({ ms }) => Math.round(ms)));
      await sleep(300);
    }
    const waitedPerRound = rounds.map((round) => round.filter((ms) => ms >= 500).length);
    expect(Math.max(...waitedPerRound), `answer times (ms) per round: ${JSON.stringify(rounds)}`).toBeLessThanOrEqual(1);
    for (const id of pending) expect(await getOrder(id)).toMatchObject({ status: 'pending', jwt: null });
  });

  it('when the factory recovers, every pending order is fulfilled exactly once with a verifiable pizza', async () => {
    expect(pending.length).toBeGreaterThanOrEqual(27);
    await endExperiment();
    await expectAllFulfilledOnce(pending, [server.logFile]);
  }, 90_000);
});

describe.each([
  ['fails every order (failureRate 1)', { failureRate: 1 }],
  ['returns pizzas whose signature does not verify (badJwtRate 1)', { badJwtRate: 1 }],
])('a factory that %s', (_what, changes) => {
  afterEach(endAnyExperiment);
  it('the order is confirmed as pending (202), no unverifiable pizza is handed out, and it is fulfilled with a good pizza after recovery', async () => {
    await startExperiment(changes);
    // The factory really misbehaves: asked directly, it fails, or its pizza does not verify.
    const direct = await call(t, 'POST', '/factory/api/order', { token: VENDOR_KEY, body: pizzaRequest(1) });
    if ('failureRate' in changes) expect(direct.status).toBe(500);
    else {
      expect(direct.status).toBe(200);
      expect((await call(t, 'POST', '/factory/api/order/verify', { body: { jwt: direct.body.jwt } })).status).toBe(403);
    }

    const { value: res } = await timedOrder();
    const id = expectPending(res);
    // The worker keeps trying meanwhile; the order stays pending and never carries a pizza.
    for (let i = 0; i < 6; i++) {
      expect(await getOrder(id)).toMatchObject({ status: 'pending', jwt: null });
      await sleep(250);
    }
    await endExperiment();
    await expectAllFulfilledOnce([id], [server.logFile]);
    const verdict = await call(t, 'POST', '/factory/api/order/verify', { body: { jwt: (await getOrder(id)).jwt } });
    expect(verdict.body.message).toBe('valid');
  }, 90_000);
});

describe('a crash while orders wait for the factory', () => {
  afterEach(endAnyExperiment);
  it('SIGKILL and a restart on the same DATA_DIR lose no order; all are fulfilled after recovery', async () => {
    await startExperiment({ processingDelayMs: SLOW_MS });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(expectPending((await timedOrder()).value));

    await server.kill();
    await start();

    // The experiment and the orders are in the database; nothing was lost with the process.
    expect((await admin('GET', '/config')).body).toMatchObject({ kind: 'experiment', document: { processingDelayMs: SLOW_MS } });
    for (const id of ids) expect(await getOrder(id)).toMatchObject({ id, status: 'pending', jwt: null });

    await endExperiment();
    await expectAllFulfilledOnce(ids, [server.logFile]);
  }, 120_000);
});
