import { expect, test, type Locator } from '@playwright/test';
import { btcToSat, formatBtc } from '../lib/store/money';
import { admin, apiLogin, registerUser, signIn } from './helpers';

interface FranchiseJson {
  id: number;
  name: string;
  stores: { id: number; name: string; totalRevenue: number }[];
}

test.describe.serial('franchise lifecycle', () => {
  const stamp = Date.now();
  const franchiseName = `e2e-franchise-${stamp}`;
  const storeName = `e2e-store-${stamp}`;
  let franchisee: Awaited<ReturnType<typeof registerUser>>;
  let franchiseId = 0;
  let revenue = '';

  test('admin creates a franchise for a new franchisee, then a store in it @smoke', async ({ page, request }) => {
    franchisee = await registerUser(request, 'franchisee');
    await signIn(page, admin.email, admin.password);

    await page.goto('/admin/franchises');
    await page.getByLabel('Franchise name').fill(franchiseName);
    await page.getByLabel('Franchisee emails').fill(franchisee.email);
    await page.getByRole('button', { name: 'Create franchise', exact: true }).click();

    await expect(page).toHaveURL(/\/admin\/franchises\/\d+/);
    await expect(page.getByRole('heading', { level: 1, name: franchiseName })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Franchisees' })).toContainText(franchisee.email);

    await page.getByLabel('Store name').fill(storeName);
    await page.getByRole('button', { name: 'Create store' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Store ${storeName} created.` })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(storeName) });
    await expect(row).toContainText(formatBtc(0));

    // The users page says whose franchisee they are, by name.
    await page.goto(`/admin/users?name=${encodeURIComponent(franchisee.name)}`);
    await expect(page.getByRole('list', { name: 'Roles' })).toContainText(`franchisee · ${franchiseName}`);
  });

  test('the franchisee sees revenue from an order at the new store @smoke', async ({ page, request }) => {
    const { token, user } = await apiLogin(request, franchisee.email, franchisee.password);
    const auth = { Authorization: `Bearer ${token}` };

    const franchises = (await (await request.get(`/api/franchise/${user.id}`, { headers: auth })).json()) as FranchiseJson[];
    const franchise = franchises.find((f) => f.name === franchiseName);
    const store = franchise?.stores.find((s) => s.name === storeName);
    expect(franchise && store, 'the franchise and store from the previous test').toBeTruthy();

    const menu = (await (await request.get('/api/order/menu')).json()) as { id: number; price: number }[];
    const pizza = menu[0];
    expect(pizza, 'a menu with at least one pizza').toBeTruthy();
    const order = await request.post('/api/order', {
      headers: auth,
      data: { franchiseId: franchise?.id, storeId: store?.id, items: [{ menuId: pizza?.id }] },
    });
    expect(order.status(), await order.text()).toBe(200);

    await signIn(page, franchisee.email, franchisee.password);
    await page.goto('/franchise');
    const panel = page.getByRole('region', { name: franchiseName });
    await expect(panel).toBeVisible();
    franchiseId = franchise?.id ?? 0;
    revenue = formatBtc(btcToSat(pizza?.price ?? 0));
    await expect(panel.getByRole('row', { name: new RegExp(storeName) })).toContainText(revenue);
    await expect(panel.getByRole('list', { name: 'Revenue per store' })).toContainText(revenue);
  });

  test('the franchisee closes the store after confirming', async ({ page }) => {
    await signIn(page, franchisee.email, franchisee.password);
    await page.goto('/franchise');
    await page.getByRole('button', { name: `Close store ${storeName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Close ${storeName}?` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row', { name: new RegExp(storeName) })).toBeVisible();

    await page.getByRole('button', { name: `Close store ${storeName}` }).click();
    await dialog.getByRole('button', { name: 'Close store' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Store closed.' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(storeName) })).toHaveCount(0);
    // The focus stays where the store was rather than dropping to the top of the page.
    await expect.poll(() => page.evaluate(() => document.getElementById('main')?.contains(document.activeElement) ?? false)).toBe(true);
  });

  test('the closed store\'s revenue stays in the total, listed under closed stores', async ({ page }) => {
    const totalOf = (scope: Locator) => scope.locator('dl > div', { has: page.getByText('Total revenue', { exact: true }) }).locator('dd');
    await signIn(page, franchisee.email, franchisee.password);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await page.goto('/franchise');
      const panel = page.getByRole('region', { name: franchiseName });
      await expect(totalOf(panel)).toHaveText(revenue);
      await expect(panel.getByRole('list', { name: 'Closed stores' }).getByRole('listitem')).toHaveText([`${storeName}${revenue}`]);
    }

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.context().clearCookies();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/franchises/${franchiseId}`);
    await expect(totalOf(page.getByRole('main'))).toHaveText(revenue);
    await expect(page.getByRole('list', { name: 'Closed stores' })).toContainText(storeName);
    await page.goto(`/admin/franchises?name=${franchiseName}`);
    await expect(page.getByRole('listitem').filter({ hasText: franchiseName }).first()).toContainText(`0 stores · ${revenue} revenue (${revenue} from 1 closed store)`);
  });

  test('a closed franchise leaves the list and shows under recently closed, with what it earned', async ({ page }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/admin/franchises?name=${franchiseName}`);
    await page.getByRole('button', { name: `Close franchise ${franchiseName}` }).click();
    await page.getByRole('dialog', { name: `Close ${franchiseName}?` }).getByRole('button', { name: 'Close franchise' }).click();
    await expect(page.getByRole('button', { name: `Close franchise ${franchiseName}` })).toHaveCount(0);
    await expect(page.getByText(`No franchise matches “${franchiseName}”`)).toBeVisible();

    await page.goto('/admin/franchises');
    const closed = page.getByRole('table', { name: 'Closed franchises' });
    await expect(closed.getByRole('row').nth(1)).toContainText(franchiseName);
    await expect(closed.getByRole('row', { name: new RegExp(franchiseName) })).toContainText(revenue);
  });
});

test('admin adds a pizza to the menu, with field errors first', async ({ page }) => {
  const title = `E2E Pizza ${Date.now()}`;
  await signIn(page, admin.email, admin.password);
  await page.goto('/admin/menu');

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill('Baked by a test');
  // A bare path, as old clients send it: from the site root, not from /admin.
  await page.getByLabel('Image').fill('pizzas/veggie.svg');
  await page.getByLabel('Price (₿)').fill('-1');
  await page.getByRole('button', { name: 'Add pizza' }).click();
  await expect(page.getByText('must be more than 0')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(title);

  await page.getByLabel('Price (₿)').fill('0.0051');
  await page.getByRole('button', { name: 'Add pizza' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${title} is on the menu.` })).toBeVisible();
  const listed = page.getByRole('list', { name: 'Pizzas' }).getByRole('listitem').filter({ hasText: title });
  await expect(listed).toContainText('0.0051');
  await expect.poll(() => listed.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
});

test('closing a franchise says what happens to its stores, for none, one and several', async ({ page, request }) => {
  const name = `e2e-closing-${Date.now()}`;
  const { token } = await apiLogin(request, admin.email, admin.password);
  const asAdmin = { Authorization: `Bearer ${token}` };
  const franchise = (await (await request.post('/api/franchise', { headers: asAdmin, data: { name, admins: [{ email: admin.email }] } })).json()) as FranchiseJson;
  await signIn(page, admin.email, admin.password);
  for (const [storeCount, warning] of <const>[
    [0, 'It has no open stores, and its franchisees lose access to it.'],
    [1, 'Its one store closes too, and its franchisees lose access to it.'],
    [2, 'All 2 of its stores close too, and its franchisees lose access to it.'],
  ]) {
    if (storeCount > 0) {
      const store = await request.post(`/api/franchise/${franchise.id}/store`, { headers: asAdmin, data: { name: `store ${storeCount}` } });
      expect(store.status(), await store.text()).toBe(200);
    }
    await page.goto(`/admin/franchises?name=${name}`);
    await page.getByRole('button', { name: `Close franchise ${name}` }).click();
    await expect(page.getByRole('dialog', { name: `Close ${name}?` })).toContainText(warning);
  }
});

test('an error from the server goes once its field is edited, or at the next try to create a franchise', async ({ page }) => {
  const stranger = `nobody-${Date.now()}@e2e.jwt.pizza`;
  const error = page.getByText(`unknown user for franchise admin: ${stranger}`);
  const create = page.getByRole('button', { name: 'Create franchise', exact: true });
  await signIn(page, admin.email, admin.password);
  await page.goto('/admin/franchises');
  await page.getByLabel('Franchise name').fill(`e2e-stale-${Date.now()}`);
  await page.getByLabel('Franchisee emails').fill(stranger);
  await create.click();
  await expect(error).toBeVisible();

  // Another field edited: the error stays; a submit the browser stops (the name is required) removes it.
  await page.getByLabel('Franchise name').fill('');
  await expect(error).toBeVisible();
  await create.click();
  await expect(error).toBeHidden();
  expect(await page.getByLabel('Franchise name').evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);

  await page.getByLabel('Franchise name').fill(`e2e-stale-${Date.now()}`);
  await create.click();
  await expect(error).toBeVisible();
  await page.getByLabel('Franchisee emails').fill(admin.email);
  await expect(error).toBeHidden();
});

test('admin deletes a user after confirming, and is offered no Delete on their own row', async ({ page, request }) => {
  const doomed = await registerUser(request, 'doomed');
  const { user: me } = await apiLogin(request, admin.email, admin.password);
  await signIn(page, admin.email, admin.password);

  await page.goto(`/admin/users?name=${encodeURIComponent(doomed.name)}`);
  await page.getByRole('button', { name: `Delete user ${doomed.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${doomed.name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete user' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'User deleted.' })).toBeVisible();
  await expect(page.getByText(`No user matches “${doomed.name}”`)).toBeVisible();

  await page.goto(`/admin/users?name=${encodeURIComponent(me.name)}`);
  const myRow = page.getByRole('list', { name: 'Users' }).getByRole('listitem').filter({ hasText: '(you)' });
  await expect(myRow).toBeVisible();
  await expect(myRow.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
});

test('a signed-in diner visiting /admin is sent away', async ({ page, request }) => {
  const diner = await registerUser(request, 'diner');
  await signIn(page, diner.email, diner.password);
  await page.goto('/admin');
  await expect(page).not.toHaveURL(/\/admin/);
  await expect(page.getByRole('alert').filter({ hasText: 'The admin pages are for administrators' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
});

test('a visitor opening an admin page signs in and lands on that page, not on /admin', async ({ page }) => {
  await page.goto('/admin/users?name=demo');
  await expect(page).toHaveURL(/\/login\?returnTo=%2Fadmin%2Fusers%3Fname%3Ddemo$/);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/users\?name=demo$/);
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
});

test('an unknown incident, franchise or order answers 404 with its own not-found page', async ({ page, request }) => {
  await signIn(page, admin.email, admin.password);
  for (const [path, heading] of <const>[
    ['/admin/incidents/999999', 'Incident not found'],
    ['/admin/incidents/abc', 'Incident not found'],
    ['/admin/franchises/999999', 'Franchise not found'],
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page).toHaveTitle(`${heading} · Admin · JWT Pizza`);
    // Still inside the admin pages: their navigation is there.
    await expect(page.getByRole('link', { name: 'Latency' }).first()).toBeVisible();
  }
  // An order of someone else's (the admin's) is not found either.
  const { token } = await apiLogin(request, admin.email, admin.password);
  const asAdmin = { Authorization: `Bearer ${token}` };
  const franchise = (await (await request.post('/api/franchise', { headers: asAdmin, data: { name: `e2e-404-${Date.now()}`, admins: [{ email: admin.email }] } })).json()) as FranchiseJson;
  const store = (await (await request.post(`/api/franchise/${franchise.id}/store`, { headers: asAdmin, data: { name: 'e2e-404-store' } })).json()) as { id: number };
  const menu = (await (await request.get('/api/order/menu')).json()) as { id: number }[];
  const order = await request.post('/api/order', { headers: asAdmin, data: { franchiseId: franchise.id, storeId: store.id, items: [{ menuId: menu[0]?.id }] } });
  expect(order.status(), await order.text()).toBe(200);
  const adminOrderId = ((await order.json()) as { order: { id: number } }).order.id;

  const diner = await registerUser(request, 'diner');
  await page.context().clearCookies();
  await signIn(page, diner.email, diner.password);
  for (const path of ['/delivery/999999', `/delivery/${adminOrderId}`]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'We couldn’t find that order' })).toBeVisible();
    await expect(page).toHaveTitle('Order not found · JWT Pizza');
  }
});
