import { expect, test } from '@playwright/test';
import { endAnyExperiment, factoryConfig, startDrillInConsole } from './factory';
import { admin, signIn } from './helpers';

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

    const history = page.getByRole('list', { name: 'Configuration versions, newest first' });
    const version = (n: number) => history.getByRole('listitem').filter({ hasText: new RegExp(`^Version ${n}(?!\\d)`) });
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
});
