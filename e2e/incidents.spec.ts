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
    await expect(banner).toContainText('Factory latency critical is firing', { timeout: 45_000 });
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
  } finally {
    // Leave the factory in its normal configuration whatever happened.
    await endDrillInConsole(page).catch(() => undefined);
  }
});
