import { expect, test, type APIRequestContext } from '@playwright/test';
import { endAnyExperiment, factoryAdminKey, factoryConfig } from './factory';
import { admin, apiLogin, registerUser, signIn } from './helpers';

const factoryHeaders = { Authorization: `Bearer ${factoryAdminKey}` };

/** A new diner orders `count` Veggies through the REST API, so the factory chart has fresh points. */
async function orderPizzasByApi(request: APIRequestContext, count: number): Promise<void> {
  const diner = await registerUser(request, 'latency');
  const { token } = await apiLogin(request, diner.email, diner.password);
  const menu = (await (await request.get('/api/order/menu')).json()) as { id: number; title: string; price: number }[];
  const pizza = menu.find((m) => m.title === 'Veggie') ?? menu[0];
  if (!pizza) throw new Error('the menu is empty');
  const list = await request.get('/api/franchise?page=0&limit=10');
  expect(list.status(), await list.text()).toBe(200);
  const { franchises } = (await list.json()) as { franchises: { id: number; stores: { id: number }[] }[] };
  const store = franchises.flatMap((f) => f.stores.map((s) => ({ franchiseId: f.id, storeId: s.id })))[0];
  if (!store) throw new Error('no franchise has a store');
  for (let i = 0; i < count; i++) {
    const response = await request.post('/api/order', {
      headers: { Authorization: `Bearer ${token}` },
      data: { ...store, items: [{ menuId: pizza.id, description: pizza.title, price: pizza.price }] },
    });
    // 200: made by the factory at once (202 would mean the factory is behind; then there is no point).
    expect(response.status(), await response.text()).toBe(200);
  }
}

/** Changes the factory's configuration through its admin API; returns the new version. */
async function changeFactory(request: APIRequestContext, changes: { processingDelayMs: number }, reason: string, author: string) {
  const response = await request.put('/factory/api/config', { headers: factoryHeaders, data: { changes, reason, author } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { version: number };
}

test('an admin sees the factory latency charts with data and a marker for a factory change, live', async ({ page, request }) => {
  test.setTimeout(120_000);
  await endAnyExperiment(request); // a drill left over from another spec would refuse the change
  const before = await factoryConfig(request);
  const previousDelay = before.document.processingDelayMs;
  const newDelay = previousDelay === 5 ? 6 : 5; // small and inside the safe envelope
  const run = `${Date.now()}`;
  const author = `e2e-latency-${run}`;
  const reason = `e2e latency.spec: a ${newDelay} ms oven to check the chart marker (${run})`;

  // Traffic: a few orders, so the factory's chart has points however the probe is set.
  await orderPizzasByApi(request, 3);

  await signIn(page, admin.email, admin.password);
  await page.goto('/admin/latency');
  await expect(page.getByRole('heading', { level: 1, name: 'Latency' })).toBeVisible();

  // The headline: the factory's state and its numbers.
  await expect(page.getByRole('heading', { name: 'Pizza factory' })).toBeVisible();
  await expect(page.getByTestId('factory-state')).toHaveText(/^(healthy|degraded|down|unknown)$/);
  await expect(page.getByText('p99 (last minute)')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Live · updated/ })).toBeVisible();

  // The factory's charts show data, not the empty state. The recorder flushes every few
  // seconds and the page polls every 5 s, so the points arrive without a reload.
  await expect(page.getByRole('heading', { name: 'No data yet' })).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Factory orders (customers and probe)' })).toBeVisible({ timeout: 20_000 });
  const latency = page.getByRole('figure', { name: 'POST /api/order at the factory: latency' });
  await expect(latency).toBeVisible();
  const plot = latency.getByRole('img', { name: /^POST \/api\/order at the factory: latency\. Latest:/ });
  await expect(plot).toHaveAccessibleName(/Latest: p50 \d[\d.]* m?s, p95 \d[\d.]* m?s, p99 \d[\d.]* m?s, max \d[\d.]* m?s\./, { timeout: 20_000 });
  await expect(plot.locator('canvas').first()).toBeVisible(); // uPlot drew it
  expect((await plot.locator('canvas').first().boundingBox())?.height ?? 0).toBeGreaterThan(100);
  await expect(page.getByRole('figure', { name: 'Call rate' }).locator('canvas').first()).toBeVisible();

  // The same numbers as a table, for keyboards and screen readers.
  await latency.getByText('Show the latest values as a table').click();
  const table = latency.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Time', 'p50', 'p95', 'p99', 'max']);
  await expect(table.getByRole('cell').filter({ hasText: /^\d[\d.]* m?s$/ }).first()).toBeVisible();

  // The route table has the factory's order calls too.
  const routes = page.getByRole('table', { name: 'Latency per route over the selected range' });
  await expect(routes.getByRole('row').filter({ hasText: /Factory\s*POST \/api\/order/ })).toBeVisible();

  // Choosing a route brings its charts into view, below a table that may be long.
  await routes.getByRole('button', { name: /GET \/api\/order\/menu$/ }).click();
  const menuCharts = page.getByRole('figure', { name: 'GET /api/order/menu: latency' });
  await expect(menuCharts).toBeInViewport({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Hide its charts' }).click();
  await expect(menuCharts).toBeHidden();

  // Sorting by p99 puts the slowest route first; the Factory filter leaves only factory calls.
  const p99Header = routes.getByRole('columnheader', { name: 'p99' });
  await expect(p99Header).not.toHaveAttribute('aria-sort');
  await p99Header.getByRole('button').click();
  await expect(p99Header).toHaveAttribute('aria-sort', 'descending');
  const p99s = await routes.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.children[5]?.textContent ?? ''));
  const ms = p99s.filter((text) => text !== '–').map((text) => (text.endsWith(' s') ? parseFloat(text) * 1000 : text.endsWith(' min') ? parseFloat(text) * 60_000 : parseFloat(text)));
  expect(ms.length).toBeGreaterThan(1);
  expect(ms).toEqual([...ms].sort((a, b) => b - a));
  await page.getByRole('group', { name: 'Kind of call' }).getByRole('button', { name: /^Factory \d+$/ }).click();
  await expect(routes.locator('tbody tr').first()).toContainText('Factory');
  expect(await routes.locator('tbody tr').evaluateAll((rows) => rows.every((row) => row.textContent?.startsWith('Factory')))).toBe(true);
  await page.getByRole('group', { name: 'Kind of call' }).getByRole('button', { name: /^All \d+$/ }).click();

  // The chosen range is in the address, so a reload (or a shared link) keeps it.
  const ranges = page.getByRole('group', { name: 'Time range' });
  await ranges.getByRole('button', { name: '6h' }).click();
  await expect(page).toHaveURL(/[?&]range=6h\b/);
  await page.reload();
  await expect(ranges.getByRole('button', { name: '6h' })).toHaveAttribute('aria-pressed', 'true');
  await ranges.getByRole('button', { name: '1h' }).click();
  await expect(page).toHaveURL(/[?&]range=1h\b/);

  // A factory configuration change appears as a marker on the open page: no reload.
  await page.evaluate(() => ((window as unknown as { __latencyNoReload: boolean }).__latencyNoReload = true));
  const changes = page.getByRole('heading', { name: 'Configuration changes (the numbered lines)' });
  await expect(changes).toBeVisible();
  const marker = page.getByRole('listitem').filter({ hasText: reason });
  await expect(marker).toHaveCount(0);

  let changed = false;
  try {
    const applied = await changeFactory(request, { processingDelayMs: newDelay }, reason, author);
    changed = true;
    expect(applied.version).toBe(before.version + 1);

    await expect(marker).toBeVisible({ timeout: 20_000 });
    await expect(marker).toContainText(author);
    await expect(marker).toContainText(`processingDelayMs: ${previousDelay} → ${newDelay}`);
    await expect(marker).toContainText(`v${applied.version}`);
    await expect(marker).toContainText(/Marker \d+:/);
    await expect(marker.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    // The charts still draw after being rebuilt with the new marker.
    await expect(plot.locator('canvas').first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __latencyNoReload?: boolean }).__latencyNoReload)).toBe(true);
  } finally {
    // Put the factory back as it was, whatever happened.
    if (changed) {
      const now = await factoryConfig(request);
      if (now.document.processingDelayMs !== previousDelay) {
        await changeFactory(request, { processingDelayMs: previousDelay }, `e2e latency.spec: restore the oven (${run})`, author);
      }
    }
  }
  expect((await factoryConfig(request)).document.processingDelayMs).toBe(previousDelay);
});
