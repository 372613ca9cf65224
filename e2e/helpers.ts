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
