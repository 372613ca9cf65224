import { expect, type Page } from '@playwright/test';

export const admin = {
  email: process.env.E2E_ADMIN_EMAIL ?? 'admin@jwt.pizza',
  password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password',
};

/** A unique email, so specs can run repeatedly against any URL. */
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.jwt.pizza`;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

/** Registers a new diner through the REST API, so a spec does not depend on the sign-up page. */
export async function registerUser(request: Page['request'], prefix: string) {
  const user = { name: `${prefix} ${Date.now()}`, email: uniqueEmail(prefix), password: 'e2e-password-123' };
  const response = await request.post('/api/auth', { data: user });
  expect(response.status(), await response.text()).toBe(200);
  const { user: created } = (await response.json()) as { user: { id: number } };
  return { ...user, id: created.id };
}

/** Logs in through the REST API and returns the bearer token and the user. */
export async function apiLogin(request: Page['request'], email: string, password: string) {
  const response = await request.put('/api/auth', { data: { email, password } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { token: string; user: { id: number; name: string; email: string } };
}
