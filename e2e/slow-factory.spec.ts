import { expect, test, type Page } from '@playwright/test';
import { duringDrill } from './factory';
import { registerUser, signIn } from './helpers';

/** One Veggie from the first open store, paid for; returns when the delivery page is shown. */
async function orderOnePizza(page: Page): Promise<number> {
  await page.goto('/menu');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Add Veggie' }).click();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByText('Total (1 pizza)')).toBeVisible();
  await page.getByRole('button', { name: 'Pay now' }).click();
  await page.waitForURL(/\/delivery\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

test('@smoke during a slow-factory drill the order is confirmed at once and the pizza arrives by itself', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const diner = await registerUser(page.request, 'slow-factory');
  await signIn(page, diner.email, diner.password);

  // An admin rehearses the 2024-11-22 incident in the factory console: a 32-second oven.
  await duringDrill(browser, 32_000, async ({ page: adminPage, banner }) => {
    // The diner is not kept waiting for the oven: the order is confirmed and pending.
    const started = Date.now();
    const orderId = await orderOnePizza(page);
    expect(Date.now() - started, 'the diner waited no longer than the store’s time budget').toBeLessThan(15_000);
    await expect(page.getByRole('heading', { name: 'Order confirmed — the kitchen is running behind' })).toBeVisible();
    await expect(page.getByText('In the kitchen')).toBeVisible();
    await expect(page.getByTestId('pizza-jwt')).toHaveCount(0);

    // The pending state survives a reload.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Order confirmed — the kitchen is running behind' })).toBeVisible();
    // The diner is told what it means for them, not the factory's internals.
    await expect(page.getByText(/Last answer from the factory|factory configuration v\d|within \d+ ms/)).toHaveCount(0);
    // Checking by keyboard keeps the focus on the button.
    const checkNow = page.getByRole('button', { name: 'Check now' });
    await checkNow.focus();
    await page.keyboard.press('Enter');
    await expect(checkNow).toBeFocused();
    const ordered = page.getByRole('region', { name: 'What you ordered' });
    const orderedTop = (await ordered.boundingBox())?.y;

    // The admin sees the order waiting, then ends the drill.
    await adminPage.goto('/admin/orders');
    await expect(adminPage.getByRole('list', { name: 'Pending orders per store' })).toBeVisible();
    await adminPage.goto('/admin/factory');
    await banner.getByRole('button', { name: 'End experiment now' }).click();
    await expect(banner).toBeHidden();

    // The pizza appears on the diner's page by itself: the test does not reload.
    await expect(page.getByRole('heading', { name: 'Your pizza, signed' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText('Your pizza is here!')).toBeVisible();
    // The news appears beside the order, which does not move.
    expect((await ordered.boundingBox())?.y).toBe(orderedTop);
    await expect(page.getByText('Delivered')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/delivery/${orderId}$`));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByText('valid', { exact: true })).toBeVisible();
    await expect(page.getByText('The factory confirms this pizza is genuine.')).toBeVisible();
  });
});
