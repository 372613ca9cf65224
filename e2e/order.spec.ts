import { expect, test, type Page } from '@playwright/test';
import { registerUser, signIn, uniqueEmail } from './helpers';

/** Picks the first open store and puts two Veggies and a Pepperoni (₿0.0118) in the cart. */
async function fillCart(page: Page) {
  await page.goto('/menu');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Add Veggie' }).click();
  await page.getByRole('button', { name: 'Add Veggie' }).click();
  await page.getByRole('button', { name: 'Add Pepperoni' }).click();
  const cart = page.getByRole('complementary', { name: 'Your order' });
  await expect(cart).toContainText('2 × Veggie');
  await expect(cart).toContainText('1 × Pepperoni');
  await expect(cart).toContainText('₿0.0118');
}

/** Pays on /checkout and returns the new order's id from the delivery page's URL. */
async function pay(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Pay now' }).click();
  await page.waitForURL(/\/delivery\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

test('@smoke a new diner orders a pizza and verifies its JWT', async ({ page }) => {
  const name = `Smoke Diner ${Date.now()}`;
  await page.goto('/register');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(uniqueEmail('smoke'));
  await page.getByLabel('Password').fill('smoke-diner-pass');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(name);

  await fillCart(page);
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByText('Total (3 pizzas)')).toBeVisible();
  await pay(page);

  await expect(page.getByRole('heading', { name: 'Your pizza, signed' })).toBeVisible();
  await expect(page.getByTestId('pizza-jwt')).toHaveText(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(page.getByRole('heading', { name: 'Payload' })).toBeVisible();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('valid', { exact: true })).toBeVisible();
  await expect(page.getByText('The factory confirms this pizza is genuine.')).toBeVisible();
});

test('a signed-out diner signs in at checkout, keeps the cart, and finds the order on the dashboard', async ({ page }) => {
  const diner = await registerUser(page.request, 'checkout');
  await fillCart(page);
  await page.getByRole('link', { name: 'Checkout' }).click();

  await expect(page).toHaveURL(/\/login\?returnTo=%2Fcheckout$/);
  await page.getByLabel('Email').fill(diner.email);
  await page.getByLabel('Password').fill(diner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText(diner.name);
  await expect(page.getByText('Total (3 pizzas)')).toBeVisible();
  await expect(page.getByText('₿0.0118')).toBeVisible();
  const orderId = await pay(page);

  await page.getByRole('link', { name: 'All my orders' }).click();
  const order = page.getByRole('link', { name: `Order #${orderId}`, exact: true });
  await expect(order).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: order })).toContainText('2 × Veggie, Pepperoni');
  await order.click();
  await expect(page).toHaveURL(new RegExp(`/delivery/${orderId}$`));

  // The paid cart was emptied.
  await page.goto('/checkout');
  await expect(page.getByText('Your cart is empty')).toBeVisible();
});

test('sign-in and sign-up forms explain what went wrong', async ({ page }) => {
  const diner = await registerUser(page.request, 'mistakes');
  await page.goto('/login');
  await page.getByLabel('Email').fill(diner.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid email or password.' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(diner.email);

  await page.goto('/register');
  await page.getByLabel('Name').fill('Second Diner');
  await page.getByLabel('Password').fill(' '.repeat(8));
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Email is required.')).toBeVisible();
  await expect(page.getByText('Password must not be only spaces.')).toBeVisible();

  await page.getByLabel('Email').fill(diner.email);
  await page.getByLabel('Password').fill('another-pass-123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('An account with that email already exists.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
});

test('the cart fills from the keyboard, and the focus stays on the pizza', async ({ page }) => {
  await page.goto('/menu');
  await expect(page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'Order', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('radio').first().check();
  const add = page.getByRole('button', { name: 'Add Veggie' });
  await add.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(add).toBeFocused();
  const cart = page.getByRole('complementary', { name: 'Your order' });
  await expect(cart).toContainText('2 × Veggie');
  // The prices' ₿ has a font of its own (Geist has none): it loads because the page shows one.
  await expect.poll(() => page.evaluate(() => [...document.fonts].some((f) => f.family.includes('bitcoinSign') && f.status === 'loaded'))).toBe(true);
  // Taking the last one out removes the − button; the focus goes back to Add.
  await page.getByRole('button', { name: 'Remove Veggie' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(add).toBeFocused();
  await expect(add).toHaveText('Add');
  // The 20th pizza fills the order: + stops adding but keeps the focus, and the page says why.
  await add.focus();
  for (let i = 0; i < 21; i++) await page.keyboard.press('Enter');
  await expect(page.getByText('An order holds at most 20 pizzas.')).toBeVisible();
  await expect(cart).toContainText('20 × Veggie');
  await expect(add).toBeFocused();
  await expect(add).toHaveAttribute('aria-disabled', 'true');
});

test('a diner signs out on the home page', async ({ page }) => {
  const diner = await registerUser(page.request, 'signout');
  await signIn(page, diner.email, diner.password);
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?returnTo=/);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a diner signs in and the menu says who is signed in', async ({ page }) => {
    const diner = await registerUser(page.request, 'phone');
    await page.goto('/login');
    await page.getByLabel('Email').fill(diner.email);
    await page.getByLabel('Password').fill(diner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).not.toHaveURL(/\/login/);
    await page.getByLabel('Menu').click();
    const menu = page.getByRole('navigation', { name: 'Main (mobile)' });
    await expect(menu.getByText(`Signed in as ${diner.name}`)).toBeVisible();
    await expect(menu.getByRole('button', { name: 'Sign out' })).toBeVisible();
    // Following a link closes the menu.
    await menu.getByRole('link', { name: 'Order', exact: true }).click();
    await expect(page).toHaveURL(/\/menu$/);
    await expect(menu).toBeHidden();
  });

  test('the menu closes when the keyboard focus leaves it', async ({ page }) => {
    await page.goto('/');
    const button = page.getByLabel('Menu');
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('navigation', { name: 'Main (mobile)' });
    await expect(menu).toBeVisible();
    const inMenu = () => page.evaluate(() => !!document.activeElement?.closest('details:has(> summary[aria-label="Menu"])'));
    for (let presses = 0; presses < 20 && (await inMenu()); presses++) await page.keyboard.press('Tab');
    expect(await inMenu(), 'Tab moved the focus past the last link').toBe(false);
    await expect(menu).toBeHidden();
  });
});
