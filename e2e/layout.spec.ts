import { expect, test } from '@playwright/test';

test('every page declares the icon, and /favicon.ico is there for browsers that ask anyway', async ({ page, request }) => {
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toContain('image/');
  for (const path of ['/', '/delivery/999999']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(icons.length, path).toBeGreaterThan(0);
    for (const href of icons) expect((await request.get(href)).status(), href).toBe(200);
  }
});
