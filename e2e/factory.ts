import { expect, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { admin, signIn } from './helpers';

/**
 * The factory's admin API and console, for specs that rehearse a slow factory. The key must
 * match the server's FACTORY_ADMIN_KEY (scripts/e2e-server.mjs uses the same default).
 */
export const factoryAdminKey = process.env.E2E_FACTORY_ADMIN_KEY ?? 'e2e-factory-admin-key-0123456789';
const headers = { Authorization: `Bearer ${factoryAdminKey}` };

export interface FactoryConfig {
  version: number;
  kind: string;
  document: { processingDelayMs: number; failureRate: number; badJwtRate: number; maxItemsPerOrder: number; tokenTtlSeconds: number };
  expiresAt: string | null;
}

export async function factoryConfig(request: APIRequestContext): Promise<FactoryConfig> {
  const response = await request.get('/factory/api/config', { headers });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as FactoryConfig;
}

/** Changes the factory's configuration through its admin API, as a script or another engineer would. */
export async function changeFactoryConfig(request: APIRequestContext, changes: Partial<FactoryConfig['document']>, reason: string): Promise<FactoryConfig> {
  const response = await request.put('/factory/api/config', { headers, data: { changes, reason, author: 'e2e' } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as FactoryConfig;
}

/** Puts back the values a spec found (as a new version), ending any experiment first. */
export async function restoreFactoryConfig(request: APIRequestContext, document: FactoryConfig['document']): Promise<void> {
  await endAnyExperiment(request);
  const current = await factoryConfig(request);
  const changes = Object.fromEntries(Object.entries(document).filter(([key, value]) => current.document[key as keyof typeof document] !== value));
  if (Object.keys(changes).length === 0) return;
  const response = await request.put('/factory/api/config', { headers, data: { changes, reason: 'e2e clean-up', author: 'e2e' } });
  // 422 "nothing would change": the smoke test's rollback got there first.
  expect([200, 422], await response.text()).toContain(response.status());
}

/** Ends a running experiment, if any, so the factory is back in its normal configuration. */
export async function endAnyExperiment(request: APIRequestContext): Promise<void> {
  const response = await request.post('/factory/api/config/experiment/end', { headers, data: { reason: 'e2e clean-up', author: 'e2e' } });
  // 409: none was running.
  expect([200, 409], await response.text()).toContain(response.status());
}

/** In the admin console: asks for an unsafe processing delay, is refused, and runs it as a drill instead. */
export async function startDrillInConsole(page: Page, processingDelayMs: number, minutes: 5 | 15 | 30 | 60 = 5) {
  await page.goto('/admin/factory');
  const editor = page.getByRole('form', { name: 'Change the configuration' });
  await editor.getByLabel('Processing delay (ms)').fill(String(processingDelayMs));
  await editor.getByLabel('Reason').fill(`e2e drill: a ${processingDelayMs / 1000} s oven`);
  await editor.getByRole('button', { name: 'Save change' }).click();
  const offer = editor.getByRole('group', { name: 'Run as a drill instead?' });
  await offer.getByLabel('Drill length').selectOption(String(minutes));
  await offer.getByRole('button', { name: 'Run as a drill instead' }).click();
  const banner = page.getByRole('region', { name: /Drill in progress/ });
  await expect(banner).toBeVisible();
  return banner;
}

/** In the admin console: ends the running drill, if there is one. Needs only the admin's sign-in. */
export async function endDrillInConsole(page: Page) {
  await page.goto('/admin/factory');
  const end = page.getByRole('button', { name: 'End experiment now' });
  if (await end.isVisible()) {
    await end.click();
    await expect(page.getByRole('region', { name: /Drill in progress/ })).toBeHidden();
  }
}

/**
 * Runs `body` while an admin, signed in in a browser context of their own (admin sign-in only,
 * so this runs against any deployment), holds a 5-minute drill of `processingDelayMs` in the
 * factory console. The drill is ended whatever happens.
 */
export async function duringDrill(browser: Browser, processingDelayMs: number, body: (console: { page: Page; banner: Locator }) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signIn(page, admin.email, admin.password);
    await endDrillInConsole(page); // a drill left over from an interrupted run
    const banner = await startDrillInConsole(page, processingDelayMs, 5);
    await body({ page, banner });
  } finally {
    await endDrillInConsole(page).catch(() => undefined);
    await context.close();
  }
}
