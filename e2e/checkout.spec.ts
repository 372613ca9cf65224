import { expect, test, type Page } from '@playwright/test';
import { duringDrill } from './factory';
import { apiLogin, registerUser, signIn } from './helpers';

/** A Veggie from the first open store in the cart, and the checkout page open. */
async function fillCartAndCheckout(page: Page) {
  await page.goto('/menu');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Add Veggie' }).click();
  await page.getByRole('link', { name: 'Checkout' }).first().click();
  await expect(page.getByText('Total (1 pizza)')).toBeVisible();
}

test('a diner who leaves checkout while paying is told the order was placed, and is not asked to pay again', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const diner = await registerUser(page.request, 'leave-checkout');
  await signIn(page, diner.email, diner.password);

  // A slow oven, so paying takes the store's whole time budget.
  await duringDrill(browser, 8_000, async () => {
    await fillCartAndCheckout(page);
    await page.getByRole('button', { name: 'Pay now' }).click();
    await expect(page.getByRole('button', { name: 'Baking your pizza…' })).toBeVisible();
    // While paying, the page asks the diner to stay and Edit order is off. Checked without
    // waiting: the payment lasts only the store's time budget, and the diner leaves within it.
    expect.soft(await page.getByText('please stay on this page').count(), 'asked to stay').toBe(1);
    expect.soft(await page.getByRole('button', { name: 'Edit order', disabled: true }).count(), 'Edit order is off').toBe(1);
    // The diner leaves anyway, by the header's menu link.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Order', exact: true }).click();
    await page.waitForURL(/\/menu$/);

    // Back on the menu: the order is found by the cart's checkout key, the cart is empty.
    const notice = page.getByRole('status').filter({ hasText: /Your order #\d+ was placed/ });
    await expect(notice).toBeVisible();
    const orderId = Number(/#(\d+)/.exec((await notice.textContent()) ?? '')?.[1]);
    await expect(page.getByText('Your cart is empty. Add a pizza to get started.')).toBeVisible();
    await notice.getByRole('link', { name: 'See its delivery' }).click();
    await page.waitForURL(new RegExp(`/delivery/${orderId}$`));
    await page.goto('/checkout');
    await expect(page.getByText('Your cart is empty', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pay now' })).toHaveCount(0);

    // The diner was charged once: one order, the one the notice named.
    const { token } = await apiLogin(page.request, diner.email, diner.password);
    const history = await page.request.get('/api/order', { headers: { Authorization: `Bearer ${token}` } });
    expect(((await history.json()) as { orders: { id: number }[] }).orders.map((o) => o.id)).toEqual([orderId]);
  });
});

test('a diner whose session ended in another tab is sent to sign in when paying, then back to checkout with the cart', async ({ page, browser }) => {
  const diner = await registerUser(page.request, 'session-ended');
  await signIn(page, diner.email, diner.password);
  await fillCartAndCheckout(page);

  // Signed out in a second tab (same browser, same cookies).
  const second = await page.context().newPage();
  await second.goto('/');
  await second.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(second.getByTestId('signed-in-as')).toHaveCount(0);
  await second.close();

  await page.getByRole('button', { name: 'Pay now' }).click();
  // The answer offers a Sign in link, and the page follows the ended session at once: it
  // becomes the sign-in page for checkout, and the header no longer names the diner.
  await page.waitForURL(/\/login\?returnTo=%2Fcheckout$/);
  await expect(page.getByText('Sign in to finish your order. Your cart is saved.')).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
  await page.getByLabel('Email').fill(diner.email);
  await page.getByLabel('Password').fill(diner.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/checkout$/);
  await expect(page.getByText('Total (1 pizza)')).toBeVisible();
});

test('on a phone, the checkout bar leaves the footer’s links reachable', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/menu');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Add Veggie' }).click();
  const bar = page.getByRole('link', { name: 'Checkout' }).last();
  await expect(bar).toBeVisible();

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const footer = page.getByRole('navigation', { name: 'Footer' });
  for (const name of ['About', 'API docs']) {
    const link = footer.getByRole('link', { name });
    const box = (await link.boundingBox())!;
    // The element on top at the link's centre is the link, not the bar.
    const onTop = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('a')?.textContent ?? null,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(onTop, `${name} is under the checkout bar`).toBe(name);
  }
  await footer.getByRole('link', { name: 'API docs' }).click();
  await page.waitForURL(/\/docs$/);
});

test('a cart changed after it was paid is not taken for the paid order: the diner is told, and pays it as a new order', async ({ page }) => {
  const diner = await registerUser(page.request, 'changed-cart');
  await signIn(page, diner.email, diner.password);
  await fillCartAndCheckout(page);
  // The cart as another tab (or a copied browser profile) still holds it: same checkout key.
  const before = JSON.parse((await page.evaluate(() => localStorage.getItem('jwt-pizza-cart'))) ?? '{}') as { items: number[] };
  await page.getByRole('button', { name: 'Pay now' }).click();
  await page.waitForURL(/\/delivery\/\d+/);
  const paidId = Number(/\/delivery\/(\d+)/.exec(page.url())?.[1]);

  await page.evaluate((cart) => localStorage.setItem('jwt-pizza-cart', JSON.stringify(cart)), { ...before, items: [...before.items, ...before.items] });
  await page.goto('/checkout');
  await expect(page.getByText('Total (2 pizzas)')).toBeVisible();
  await page.getByRole('button', { name: 'Pay now' }).click();
  const alert = page.getByRole('alert').filter({ hasText: `Your cart changed after it was paid as order #${paidId}.` });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('link', { name: `See order #${paidId}` })).toHaveAttribute('href', `/delivery/${paidId}`);

  await page.getByRole('button', { name: 'Pay now' }).click();
  await page.waitForURL(/\/delivery\/\d+/);
  const newId = Number(/\/delivery\/(\d+)/.exec(page.url())?.[1]);
  expect(newId).not.toBe(paidId);
  await expect(page.getByText('2 ×')).toBeVisible();
});
