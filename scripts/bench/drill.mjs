// The incident drill: the factory takes 32 s per pizza while diners keep ordering. Measures
// what customers feel (the wait for POST /api/order) and whether any paid order is lost once
// the factory recovers.

const JSON_HEADERS = { 'Content-Type': 'application/json' };
export const DRILL_ADMIN_KEY = 'bench-factory-admin-key-0123456789';

async function call(url, init = {}) {
  const response = await fetch(url, { ...init, headers: { ...JSON_HEADERS, ...init.headers } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the drill against `app` (a server started with FACTORY_ADMIN_KEY = DRILL_ADMIN_KEY).
 * Each diner orders, waits a second, and orders again, for `durationS` seconds.
 */
export async function orderingDrill(app, { diners = 20, durationS = 60, factoryDelayMs = 32_000, recoveryTimeoutS = 180 } = {}) {
  const admin = { Authorization: `Bearer ${DRILL_ADMIN_KEY}` };
  const { body: franchisesPage } = await call(`${app.url}/api/franchise`);
  const [menuItem] = (await call(`${app.url}/api/order/menu`)).body;
  const store = { franchiseId: franchisesPage.franchises[0].id, storeId: franchisesPage.franchises[0].stores[0].id };

  const tokens = [];
  for (let i = 0; i < diners; i++) {
    const email = `drill-${Date.now()}-${i}@bench.jwt.pizza`;
    const { body } = await call(`${app.url}/api/auth`, { method: 'POST', body: JSON.stringify({ name: `Drill diner ${i}`, email, password: 'drill-diner-pass' }) });
    tokens.push(body.token);
  }

  const experiment = await call(`${app.url}/factory/api/config`, {
    method: 'PUT',
    headers: admin,
    body: JSON.stringify({
      changes: { processingDelayMs: factoryDelayMs },
      reason: 'bench: the 2024-11-22 incident drill',
      experiment: { expiresAt: new Date(Date.now() + (durationS + 120) * 1000).toISOString() },
    }),
  });
  if (experiment.status !== 200) throw new Error(`could not start the drill: ${experiment.status} ${JSON.stringify(experiment.body)}`);

  const waits = [];
  const statuses = {};
  const accepted = []; // { id, token }
  const deadline = Date.now() + durationS * 1000;
  await Promise.all(
    tokens.map(async (token) => {
      while (Date.now() < deadline) {
        const startedAt = performance.now();
        const res = await call(`${app.url}/api/order`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
          body: JSON.stringify({ ...store, items: [{ menuId: menuItem.id }] }),
        });
        waits.push(performance.now() - startedAt);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 200 || res.status === 202) accepted.push({ id: res.body.order.id, token });
        await sleep(1000);
      }
    }),
  );

  await call(`${app.url}/factory/api/config/experiment/end`, { method: 'POST', headers: admin, body: JSON.stringify({ reason: 'bench: drill over' }) });
  const recoveryStartedAt = Date.now();

  // Every accepted order must end fulfilled; read each diner's history until they all are.
  const byToken = new Map();
  for (const order of accepted) byToken.set(order.token, [...(byToken.get(order.token) ?? []), order.id]);
  let outstanding = accepted.length;
  let failed = 0;
  let missing = 0;
  while (Date.now() - recoveryStartedAt < recoveryTimeoutS * 1000) {
    outstanding = 0;
    failed = 0;
    missing = 0;
    for (const [token, ids] of byToken) {
      const seen = new Map();
      for (let page = 1; ; page++) {
        const { body } = await call(`${app.url}/api/order?page=${page}`, { headers: { Authorization: `Bearer ${token}` } });
        for (const o of body.orders) seen.set(o.id, o.status);
        if (!body.more) break;
      }
      for (const id of ids) {
        const status = seen.get(id);
        if (status === undefined) missing += 1;
        else if (status === 'failed') failed += 1;
        else if (status !== 'fulfilled') outstanding += 1;
      }
    }
    if (outstanding === 0) break;
    await sleep(2000);
  }

  const sorted = [...waits].sort((a, b) => a - b);
  return {
    diners,
    durationS,
    factoryDelayMs,
    requests: waits.length,
    statuses,
    accepted: accepted.length,
    waitMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
    fulfilledAfterRecovery: accepted.length - outstanding - failed - missing,
    stillPending: outstanding,
    failed,
    lost: missing + failed,
    recoveryS: Math.round((Date.now() - recoveryStartedAt) / 1000),
  };
}
