import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { endDrillInConsole, startDrillInConsole } from './factory';
import { admin, signIn } from './helpers';

/**
 * The on-call path of issue #6: a drill makes the factory hang; the admin sees the banner
 * appear on an admin page without reloading, opens the incident (the drill named as its
 * likely cause), acknowledges it, downloads the postmortem draft, and ends the drill. Needs
 * only the admin's sign-in, so it runs against any deployment.
 */
test('@smoke an admin sees the alert banner, acknowledges the incident and downloads its postmortem', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, admin.email, admin.password);
  await endDrillInConsole(page); // a drill left over from an interrupted run
  try {
    await startDrillInConsole(page, 32_000, 5);

    // Any admin page: the banner appears by itself (the page polls; no reload here).
    await page.goto('/admin');
    const banner = page.getByRole('region', { name: 'Critical alert' });
    // It leads with the critical rule that fired first: the drill's failed smoke test may fire a
    // moment earlier, so the latency rule is either the headline or among "Also firing".
    await expect(banner).toContainText(/Factory latency critical is firing|Also firing:.*Factory latency critical \(critical\)/, { timeout: 45_000 });
    // Its card says why a firing rule's value can already look healthy.
    await page.goto('/admin/alerts');
    await expect(page.getByRole('region', { name: 'Factory latency critical' })).toContainText(/It resolves .+ after its condition last held/);
    await page.goto('/admin');
    await expect(banner).toContainText(/Incident #\d+ open since .* not acknowledged/, { timeout: 15_000 });

    await banner.getByRole('link', { name: /Open incident #\d+/ }).click();
    await expect(page).toHaveURL(/\/admin\/incidents\/\d+$/);
    const incidentId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^Incident #${incidentId}`) })).toBeVisible();
    // The drill is the likely cause, at the top, with its diff.
    const cause = page.getByRole('region', { name: /Factory configuration v\d+ \(experiment\)/ });
    await expect(cause).toBeVisible();
    await expect(cause.getByRole('list', { name: 'What the change did' })).toContainText('processingDelayMs');
    await expect(page.getByRole('list', { name: 'Timeline, oldest first' })).toContainText('Alert firing');

    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(page.getByTestId('acknowledgement')).toContainText(`Acknowledged by ${admin.email}`);
    await expect(page.getByRole('region', { name: 'Critical alert' })).toContainText(`acknowledged by ${admin.email}`);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download postmortem' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^incident-${incidentId}-.*\\.md$`));
    const markdown = await readFile((await file.path()) ?? '', 'utf8');
    for (const section of ['## Summary', '## Detection', '## Impact', '## Timeline', '## Root cause']) expect(markdown).toContain(section);
    expect(markdown).toContain(`by ${admin.email}`); // the acknowledgement
    expect(markdown).toContain('processingDelayMs');

    // Ending the drill mitigates the incident; it stays open until its alerts stop firing.
    await endDrillInConsole(page);
    await page.goto(`/admin/incidents/${incidentId}`);
    await expect(async () => {
      await page.reload();
      await expect(page.locator('main [data-status="open"]')).toContainText('open · mitigated', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  } finally {
    // Leave the factory in its normal configuration whatever happened.
    await endDrillInConsole(page).catch(() => undefined);
  }
});

test('an admin edits an alert rule: problems appear next to their fields, the save is audited, and reset restores the default', async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto('/admin/alerts');
  const card = page.getByRole('region', { name: 'Factory errors and timeouts' });
  const reset = card.getByRole('button', { name: 'Reset Factory errors and timeouts to its default' });
  try {
    await card.getByText('Edit rule').click();
    const maxRate = card.getByLabel('Maximum failed share (0–1)');
    const window = card.getByLabel('Window (ms)', { exact: true });
    await maxRate.fill('2');
    await window.fill('10');
    await card.getByRole('button', { name: 'Save rule' }).click();
    await expect(maxRate).toHaveAccessibleDescription('must be at most 1');
    await expect(window).toHaveAccessibleDescription('must be at least 1,000');
    await expect(card.getByRole('alert')).toContainText('The rule was not saved');

    await maxRate.fill('0.1');
    await window.fill('600000');
    await card.getByRole('button', { name: 'Save rule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved “Factory errors and timeouts”' })).toBeVisible();
    await expect(maxRate).toHaveValue('0.1');
    await expect(maxRate).toHaveAccessibleDescription('Edited · default 0.05');
    // The history starts open while the rule is not normal (another spec's drill may have left it firing).
    const history = card.locator('details').filter({ hasText: /^History/ });
    if ((await history.getAttribute('open')) === null) await history.locator('summary').click();
    await expect(card.getByRole('list', { name: /history/ })).toContainText(`rule edited by ${admin.email}: maxRate, windowMs`);

    await reset.click();
    await expect(card.getByRole('list', { name: /history/ })).toContainText(`rule reset to its default by ${admin.email}`);
    await expect(maxRate).toHaveValue('0.05');
    await expect(reset).toBeHidden();
  } finally {
    if (await reset.isVisible()) await reset.click();
  }
});
