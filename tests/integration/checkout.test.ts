import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fulfilledLogCountsOnceWritten } from './factory-helpers';
import { adminToken, call, createFranchise, menuByTitle, registerUser, targets, type Target, type TestFranchise, type TestUser } from './support';

/**
 * The checkout page's Pay, driven over HTTP as the browser drives it: a browser session from
 * Auth.js's sign-in, then the pay server action with the cart's checkout key. A diner who
 * pays twice with one key (left mid-payment and paid again, a retry, a second tab) is charged
 * once: one order, one call to the factory.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The pay action's id in the production build under test. */
function payActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, action]) => action.filename.endsWith('app/(shop)/checkout/actions.ts') && action.exportedName === 'payAction',
  );
  if (!found) throw new Error('payAction is not in the build: run `npm run build`');
  return found[0];
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** Signs in as the sign-in page does (Auth.js credentials) and returns the session cookies. */
async function browserSession(t: Target, user: TestUser): Promise<string> {
  const csrf = await fetch(`${t.url}/api/session/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${t.url}/api/session/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password }),
  });
  const cookies = [...cookiesOf(csrf), ...cookiesOf(signIn)];
  expect(cookies.some((c) => c.includes('session-token=')), 'signed in').toBe(true);
  return cookies.join('; ');
}

/**
 * Presses Pay: the action's arguments encoded as React does for useActionState (the previous
 * state, then the form as reference 1, its fields named `_1_<field>`). Returns the order id
 * the action redirects to.
 */
async function pay(t: Target, cookie: string, franchise: TestFranchise, menuIds: number[], checkoutKey: string): Promise<number> {
  const response = await pressPay(t, cookie, franchise, menuIds, checkoutKey);
  const redirect = response.headers.get('x-action-redirect') ?? '';
  const orderId = /^\/delivery\/(\d+)\?placed=1/.exec(redirect)?.[1];
  expect(orderId, `pay answered ${response.status} without a redirect to the delivery page: ${await response.text()}`).toBeDefined();
  return Number(orderId);
}

function pressPay(t: Target, cookie: string, franchise: TestFranchise, menuIds: number[], checkoutKey: string): Promise<Response> {
  const body = new FormData();
  body.append('_1_franchiseId', String(franchise.id));
  body.append('_1_storeId', String(franchise.storeId));
  for (const menuId of menuIds) body.append('_1_menuId', String(menuId));
  body.append('_1_checkoutKey', checkoutKey);
  body.append('0', JSON.stringify([{ status: 'idle' }, '$K1']));
  return fetch(`${t.url}/checkout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Next-Action': payActionId(), Accept: 'text/x-component', Cookie: cookie },
    body,
  });
}

const newKey = () => randomBytes(16).toString('hex');

async function orderIds(t: Target, diner: TestUser): Promise<number[]> {
  const res = await call(t, 'GET', '/api/order', { token: diner.token });
  expect(res.status).toBe(200);
  return (res.body.orders as { id: number }[]).map((o) => o.id);
}

/** The diner has exactly this one order, and the factory made its pizza once. */
async function expectOneOrderMadeOnce(t: Target, diner: TestUser, orderId: number): Promise<void> {
  expect(await orderIds(t, diner)).toEqual([orderId]);
  const fulfilled = await fulfilledLogCountsOnceWritten([orderId], [path.join(t.dataDir, 'server.log')]);
  expect(fulfilled.get(orderId), 'the factory made the pizza once').toBe(1);
}

describe.each(targets())('paying at checkout on $name', (t) => {
  let veggie: number;
  let franchise: TestFranchise;
  beforeAll(async () => {
    veggie = (await menuByTitle(t)).get('Veggie')!.id;
    franchise = await createFranchise(t);
  });

  it('two pays with the same checkout key, one after the other, place one order and call the factory once', async () => {
    const diner = await registerUser(t, 'pay-twice');
    const cookie = await browserSession(t, diner);
    const key = newKey();

    const first = await pay(t, cookie, franchise, [veggie], key);
    const again = await pay(t, cookie, franchise, [veggie], key);

    expect(again).toBe(first);
    await expectOneOrderMadeOnce(t, diner, first);
  });

  it('two pays with the same key at the same moment place one order', async () => {
    const diner = await registerUser(t, 'pay-race');
    const cookie = await browserSession(t, diner);
    const key = newKey();

    const [a, b] = await Promise.all([pay(t, cookie, franchise, [veggie], key), pay(t, cookie, franchise, [veggie], key)]);

    expect(b).toBe(a);
    await expectOneOrderMadeOnce(t, diner, a);
  });

  it('a pay with a key already paid for another cart is refused, names the paid order, and places nothing', async () => {
    const diner = await registerUser(t, 'pay-changed-cart');
    const cookie = await browserSession(t, diner);
    const key = newKey();
    const first = await pay(t, cookie, franchise, [veggie], key);

    const changed = await pressPay(t, cookie, franchise, [veggie, veggie], key);

    expect(changed.headers.get('x-action-redirect')).toBeNull();
    expect(await changed.text()).toContain(`Your cart changed after it was paid as order #${first}. Pay again to order these pizzas as a new order.`);
    await expectOneOrderMadeOnce(t, diner, first);
    // The same pizzas in another order are the same cart.
    expect(await pay(t, cookie, franchise, [veggie], key)).toBe(first);
  });

  it('a pay at a store closed since it was chosen says so, and places nothing', async () => {
    const diner = await registerUser(t, 'pay-closed-store');
    const closing = await createFranchise(t);
    const closed = await call(t, 'DELETE', `/api/franchise/${closing.id}/store/${closing.storeId}`, { token: await adminToken(t) });
    expect(closed.status).toBe(200);

    const response = await pressPay(t, await browserSession(t, diner), closing, [veggie], newKey());

    expect(response.headers.get('x-action-redirect')).toBeNull();
    expect(await response.text()).toContain('The store you chose has closed.');
    expect(await orderIds(t, diner)).toEqual([]);
  });

  it('a new key is a new order, and one diner’s key never returns another diner’s order', async () => {
    const diner = await registerUser(t, 'pay-new-key');
    const other = await registerUser(t, 'pay-same-key');
    const key = newKey();

    const first = await pay(t, await browserSession(t, diner), franchise, [veggie], key);
    const second = await pay(t, await browserSession(t, diner), franchise, [veggie], newKey());
    const others = await pay(t, await browserSession(t, other), franchise, [veggie], key);

    expect(new Set([first, second, others]).size).toBe(3);
    expect((await orderIds(t, diner)).sort((x, y) => x - y)).toEqual([first, second].sort((x, y) => x - y));
    expect(await orderIds(t, other)).toEqual([others]);
  });
});
