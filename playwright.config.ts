import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against a production build. With BASE_URL unset, a fresh server is
 * started on an empty embedded database (scripts/e2e-server.mjs). With BASE_URL set, the
 * specs run against that URL; `--grep @smoke` keeps to the critical paths, which need only
 * E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD.
 */
const port = Number(process.env.E2E_PORT ?? 3300);
const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: process.env.BASE_URL
    ? undefined
    : {
        command: 'node scripts/e2e-server.mjs',
        url: `${baseURL}/api/docs`,
        reuseExistingServer: false,
        // Room for a production build when the last one is stale (scripts/e2e-server.mjs).
        timeout: 300_000,
        env: { E2E_PORT: String(port) },
      },
});
