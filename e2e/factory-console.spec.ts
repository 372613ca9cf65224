import { expect, test, type Page } from '@playwright/test';
import { changeFactoryConfig, endAnyExperiment, factoryConfig, restoreFactoryConfig, startDrillInConsole } from './factory';
import { admin, signIn } from './helpers';

/** A version's entry in the console's history. */
const historyItem = (page: Page, n: number) =>
  page
    .getByRole('list', { name: 'Configuration versions, newest first' })
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`^Version ${n}(?!\\d)`) });

/** The e2e server's loosened safe limit (scripts/e2e-server.mjs), and the SLO: within that envelope, but a pizza takes a little longer, so the store's smoke test fails and rolls it back. */
const SLO_MISS_DELAY_MS = 1_000;

test.describe('factory console', () => {
  test.beforeEach(async ({ request }) => {
    await endAnyExperiment(request);
  });
  test.afterEach(async ({ request }) => {
    await endAnyExperiment(request);
  });

  test('an unsafe change is refused next to its field, then rehearsed as a drill and ended', async ({ page, request }) => {
    const before = await factoryConfig(request);
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/factory');
    const current = page.getByRole('region', { name: 'Current configuration' });
    await expect(current).toContainText(`Version ${before.version}`);

    // The 2024-11-22 misconfiguration: a 32 s oven.
    const editor = page.getByRole('form', { name: 'Change the configuration' });
    const delay = editor.getByLabel('Processing delay (ms)');
    await delay.fill('32000');
    await editor.getByLabel('Reason').fill('e2e: reproduce the November incident');
    await editor.getByRole('button', { name: 'Save change' }).click();

    await expect(delay).toHaveAccessibleDescription(/processingDelayMs 32000 is above the safe limit of \d+ ms/);
    await expect(delay).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.getByRole('alert').filter({ hasText: 'outside the safe envelope' })).toBeVisible();
    // Nothing changed, at the factory or on the page.
    expect((await factoryConfig(request)).version).toBe(before.version);
    await expect(current).toContainText(`Version ${before.version}`);

    // The same change as a drill.
    const offer = editor.getByRole('group', { name: 'Run as a drill instead?' });
    await offer.getByLabel('Drill length').selectOption('5');
    await offer.getByRole('button', { name: 'Run as a drill instead' }).click();

    const banner = page.getByRole('region', { name: /Drill in progress/ });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('processingDelayMs:');
    await expect(banner).toContainText('32,000 ms');
    const timer = banner.getByRole('timer');
    await expect(timer).toHaveText(/^[45]:\d\d$/);
    const first = await timer.textContent();
    await expect(timer).not.toHaveText(first ?? '', { timeout: 5_000 }); // it counts down
    const during = await factoryConfig(request);
    expect(during).toMatchObject({ version: before.version + 1, kind: 'experiment', document: { processingDelayMs: 32000 } });
    await expect(editor.getByLabel('Processing delay (ms)')).toBeDisabled();

    await banner.getByRole('button', { name: 'End experiment now' }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Experiment ended' })).toBeVisible();

    const version = (n: number) => historyItem(page, n);
    await expect(version(before.version + 2)).toContainText('revert');
    await expect(version(before.version + 2)).toContainText('in force');
    await expect(version(before.version + 1)).toContainText('experiment');
    await expect(version(before.version + 1)).toContainText(admin.email);
    // The store's smoke test after the drill failed at the SLO; a drill is not rolled back.
    await expect(version(before.version + 1)).toContainText(/smoke test failed\s*at slo: no pizza within the \d+ ms SLO after configuration v\d+/);
    await expect(version(before.version + 1)).not.toContainText('rolled back');
    const after = await factoryConfig(request);
    expect(after).toMatchObject({ version: before.version + 2, kind: 'revert', document: before.document });
  });

  test('a drill ended elsewhere leaves the console by itself, with no reload', async ({ page, request }) => {
    await signIn(page, admin.email, admin.password);
    const banner = await startDrillInConsole(page, 32_000);
    const editor = page.getByRole('form', { name: 'Change the configuration' });
    await expect(editor.getByLabel('Processing delay (ms)')).toBeDisabled();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    // Another engineer ends it through the factory's admin API.
    await endAnyExperiment(request);

    await expect(banner).toBeHidden({ timeout: 10_000 });
    await expect(editor.getByLabel('Processing delay (ms)')).toBeEnabled();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  test('after a save the console follows the smoke test to its rollback, and an edit in progress survives', async ({ page, request }) => {
    const before = await factoryConfig(request);
    try {
      await signIn(page, admin.email, admin.password);
      await page.goto('/admin/factory');
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      const editor = page.getByRole('form', { name: 'Change the configuration' });
      await editor.getByLabel('Processing delay (ms)').fill(String(SLO_MISS_DELAY_MS));
      await editor.getByLabel('Reason').fill('e2e: an oven as slow as the SLO');
      await editor.getByRole('button', { name: 'Save change' }).click();
      const bad = before.version + 1;
      const rollback = bad + 1;
      await expect(page.getByRole('status').filter({ hasText: `Version ${bad} is in force. The store is smoke-testing it; this page follows the result.` })).toBeVisible();

      // The next edit starts at once, before the rollback shows (the console refreshes every 2 s).
      const maxItems = String(before.document.maxItemsPerOrder + 1);
      await editor.getByLabel('Max items per order').fill(maxItems);
      await editor.getByLabel('Reason').fill('e2e: one more pizza per order');

      // The smoke test fails at the SLO and the store rolls the change back: the console shows it by itself.
      await expect(historyItem(page, bad)).toContainText(/smoke test failed\s*at slo: no pizza within the \d+ ms SLO/, { timeout: 15_000 });
      await expect(historyItem(page, bad)).toContainText(`rolled back as version ${rollback}`);
      await expect(historyItem(page, rollback)).toContainText('in force');
      await expect(page.getByRole('region', { name: 'Current configuration' })).toContainText(`Version ${rollback}`);

      // The edit in progress is kept, the rest of the form is the rollback's, and it now targets it.
      await expect(editor.getByRole('status')).toContainText(`Version ${rollback} came into force while you were editing version ${bad}`);
      await expect(editor.getByLabel('Max items per order')).toHaveValue(maxItems);
      await expect(editor.getByLabel('Reason')).toHaveValue('e2e: one more pizza per order');
      await expect(editor.getByLabel('Processing delay (ms)')).toHaveValue(String(before.document.processingDelayMs));
      await editor.getByRole('button', { name: 'Save change' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Version ${rollback + 1} is in force.` })).toBeVisible();
      expect(await factoryConfig(request)).toMatchObject({ version: rollback + 1, document: { ...before.document, maxItemsPerOrder: Number(maxItems) } });
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    } finally {
      await restoreFactoryConfig(request, before.document);
    }
  });

  test('rolling back to a version that failed its smoke test says so and asks for an override', async ({ page, request }) => {
    const before = await factoryConfig(request);
    try {
      // A change that fails its smoke test and is rolled back by the store, then an ordinary change.
      const bad = (await changeFactoryConfig(request, { processingDelayMs: SLO_MISS_DELAY_MS }, 'e2e: an oven as slow as the SLO')).version;
      const rollback = bad + 1;
      await expect.poll(async () => (await factoryConfig(request)).version, { timeout: 15_000 }).toBe(rollback);
      await changeFactoryConfig(request, { maxItemsPerOrder: before.document.maxItemsPerOrder + 1 }, 'e2e: one more pizza per order');

      await signIn(page, admin.email, admin.password);
      await page.goto('/admin/factory');
      await expect(historyItem(page, bad)).toContainText(`rolled back as version ${rollback}`);
      await historyItem(page, bad).getByRole('button', { name: `Roll back to version ${bad}` }).click();
      const warned = page.getByRole('dialog', { name: `Roll back to version ${bad}?` });
      await expect(warned).toContainText(
        new RegExp(`Version ${bad} failed its smoke test \\(no pizza within the \\d+ ms SLO after configuration v${bad}\\) and was rolled back as version ${rollback}\\.`),
      );
      await expect(warned.getByRole('button', { name: 'Roll back anyway' })).toBeVisible();
      await warned.getByRole('button', { name: 'Cancel' }).click();
      await expect(warned).toBeHidden();

      // A version whose smoke test passed keeps the plain confirmation.
      await expect(historyItem(page, rollback)).toContainText('smoke test passed');
      await historyItem(page, rollback).getByRole('button', { name: `Roll back to version ${rollback}` }).click();
      const plain = page.getByRole('dialog', { name: `Roll back to version ${rollback}?` });
      await expect(plain.getByRole('button', { name: 'Roll back', exact: true })).toBeVisible();
      await expect(plain).not.toContainText('smoke test');
      await plain.getByRole('button', { name: 'Cancel' }).click();
      expect((await factoryConfig(request)).version).toBe(rollback + 1);
    } finally {
      await restoreFactoryConfig(request, before.document);
    }
  });
});
