import { expect, test, type Page } from '@playwright/test';
import { admin, apiLogin, registerUser, signIn, uniqueEmail } from './helpers';

/** How much wider than the window the page is (0 when nothing sticks out). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe('on a phone, a 60-character one-word store name', () => {
  test('wraps everywhere it appears, and the page stays 390 px wide', async ({ page, request }) => {
    const stamp = Date.now();
    const storeName = `Llanfairpwllgwyngyll${stamp}`.padEnd(60, 'o');
    const diner = await registerUser(request, 'longname');
    const { token: adminToken } = await apiLogin(request, admin.email, admin.password);
    const asAdmin = { Authorization: `Bearer ${adminToken}` };
    const franchise = await request.post('/api/franchise', { headers: asAdmin, data: { name: `e2e-long-${stamp}`, admins: [{ email: diner.email }] } });
    expect(franchise.status(), await franchise.text()).toBe(200);
    const franchiseId = ((await franchise.json()) as { id: number }).id;
    const store = await request.post(`/api/franchise/${franchiseId}/store`, { headers: asAdmin, data: { name: storeName } });
    expect(store.status(), await store.text()).toBe(200);
    const storeId = ((await store.json()) as { id: number }).id;

    await signIn(page, diner.email, diner.password);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/menu');
    await page.getByRole('radio', { name: storeName }).check();
    const add = page.getByRole('button', { name: /^Add / }).first();
    await add.click();
    expect(await overflow(page), '/menu').toBe(0);
    const box = await add.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0), 'the Add button is inside the window').toBeLessThanOrEqual(390);

    await page.goto('/checkout');
    await expect(page.getByText(storeName)).toBeVisible();
    expect(await overflow(page), '/checkout').toBe(0);

    const { token } = await apiLogin(request, diner.email, diner.password);
    const menu = (await (await request.get('/api/order/menu')).json()) as { id: number }[];
    const order = await request.post('/api/order', {
      headers: { Authorization: `Bearer ${token}` },
      data: { franchiseId, storeId, items: [{ menuId: menu[0]?.id }] },
    });
    expect(order.status(), await order.text()).toBe(200);
    const orderId = ((await order.json()) as { order: { id: number } }).order.id;

    for (const path of [`/delivery/${orderId}`, '/dashboard', '/franchise']) {
      await page.goto(path);
      await expect(page.getByText(storeName).first()).toBeVisible();
      expect(await overflow(page), path).toBe(0);
    }
  });
});

test.describe('on a phone, a long one-word user, franchise and pizza name', () => {
  test('wrap in the pages, the admin pages and the menu, and the page stays 390 px wide', async ({ page, request }) => {
    const stamp = Date.now();
    const diner = { name: 'W'.repeat(80), email: uniqueEmail('wide'), password: 'e2e-password-123' };
    const franchiseName = `Franchise${stamp}`.padEnd(60, 'f');
    const pizza = { title: `Pizza${stamp}`.padEnd(60, 'z'), description: `Topped${stamp}`.padEnd(120, 'o'), image: '/pizzas/veggie.svg', price: 0.001 };
    expect((await request.post('/api/auth', { data: diner })).status()).toBe(200);
    const { token: adminToken } = await apiLogin(request, admin.email, admin.password);
    const asAdmin = { Authorization: `Bearer ${adminToken}` };
    const franchise = await request.post('/api/franchise', { headers: asAdmin, data: { name: franchiseName, admins: [{ email: diner.email }] } });
    expect(franchise.status(), await franchise.text()).toBe(200);
    const franchiseId = ((await franchise.json()) as { id: number }).id;
    const store = await request.post(`/api/franchise/${franchiseId}/store`, { headers: asAdmin, data: { name: `e2e-wide-${stamp}` } });
    expect(store.status(), await store.text()).toBe(200);
    const storeId = ((await store.json()) as { id: number }).id;
    const menu = await request.put('/api/order/menu', { headers: asAdmin, data: pizza });
    expect(menu.status(), await menu.text()).toBe(200);
    const menuId = ((await menu.json()) as { id: number; title: string }[]).find((item) => item.title === pizza.title)?.id;
    const { token } = await apiLogin(request, diner.email, diner.password);
    const order = await request.post('/api/order', { headers: { Authorization: `Bearer ${token}` }, data: { franchiseId, storeId, items: [{ menuId }] } });
    expect(order.status(), await order.text()).toBe(200);
    const orderId = ((await order.json()) as { order: { id: number } }).order.id;

    await signIn(page, diner.email, diner.password);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, shown] of <const>[
      ['/menu', pizza.description],
      ['/dashboard', diner.name],
      [`/delivery/${orderId}`, pizza.title],
      ['/franchise', diner.name],
    ]) {
      await page.goto(path);
      await expect(page.getByRole('main').getByText(shown).first()).toBeVisible();
      expect(await overflow(page), path).toBe(0);
    }
    await page.getByLabel('Menu').click();
    await expect(page.getByRole('navigation', { name: 'Main (mobile)' }).getByText(`Signed in as ${diner.name}`)).toBeVisible();
    expect(await overflow(page), 'the open mobile menu').toBe(0);

    await page.context().clearCookies();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, admin.email, admin.password);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/admin/franchises?name=${franchiseName}`, `/admin/franchises/${franchiseId}`, '/admin/menu']) {
      await page.goto(path);
      await expect(page.getByRole('main').getByText(path === '/admin/menu' ? pizza.description : diner.name).first()).toBeVisible();
      expect(await overflow(page), path).toBe(0);
    }
  });
});

test('every page declares the icon, and /favicon.ico is there for browsers that ask anyway', async ({ page, request }) => {
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toContain('image/');
  for (const path of ['/', '/delivery/999999']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(icons.length, path).toBeGreaterThan(0);
    for (const href of icons) expect((await request.get(href)).status(), href).toBe(200);
  }
});
