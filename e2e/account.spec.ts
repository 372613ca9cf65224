import { expect, test } from '@playwright/test';
import { admin, apiLogin, registerUser, signIn } from './helpers';

test('a new password signs every other browser out, and keeps this one signed in', async ({ page, browser, request }) => {
  const diner = await registerUser(request, 'password');
  const otherBrowser = await browser.newContext();
  const other = await otherBrowser.newPage();
  try {
    await signIn(page, diner.email, diner.password);
    await signIn(other, diner.email, diner.password);

    await page.goto('/dashboard');
    await page.getByLabel('New password').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Profile and password saved.')).toBeVisible();

    // This browser stays signed in, across a reload.
    await page.reload();
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save profile' })).toBeVisible();

    // The other one was signed in with the old password: it is sent to sign in.
    await other.goto('/dashboard');
    await expect(other).toHaveURL(/\/login\b/);
    await expect(other.getByTestId('signed-in-as')).toHaveCount(0);
    await signIn(other, diner.email, 'a-brand-new-password');

    // An admin's password reset through the API signs the diner's browsers out too.
    const { token } = await apiLogin(request, admin.email, admin.password);
    const reset = await request.put(`/api/user/${diner.id}`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { name: diner.name, email: diner.email, password: 'reset-by-an-admin' },
    });
    expect(reset.status(), await reset.text()).toBe(200);
    for (const tab of [page, other]) {
      await tab.goto('/dashboard');
      await expect(tab).toHaveURL(/\/login\b/);
    }
  } finally {
    await otherBrowser.close();
  }
});

test('a page past the end of the order history offers the way back, not a pager to more empty pages', async ({ page, request }) => {
  const diner = await registerUser(request, 'pages');
  await signIn(page, diner.email, diner.password);
  await page.goto('/dashboard?page=50');
  await expect(page.getByText('No orders on this page')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Order history pages' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to your latest orders' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText('No orders yet')).toBeVisible();
});
