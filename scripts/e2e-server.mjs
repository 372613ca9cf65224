// Serves the production build on a fresh, empty embedded database for Playwright. It builds
// first when the build is missing or older than the sources (`npx playwright test` on its own;
// under `npm test` the build is already fresh).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuild, ensurePrismaClients } from './lib/build.mjs';

const root = path.resolve(import.meta.dirname, '..');
if (ensurePrismaClients(root) !== 0 || ensureBuild(root) !== 0) process.exit(1);
const port = process.env.E2E_PORT ?? '3300';
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: port,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'jwt-pizza-e2e-')),
    ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL ?? 'admin@jwt.pizza',
    ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password',
    SEED_DEMO: 'on',
    // The slow-factory specs: e2e/factory.ts reads the same key, and a short budget and
    // breaker cool-down keep their waits short.
    FACTORY_ADMIN_KEY: process.env.E2E_FACTORY_ADMIN_KEY ?? 'e2e-factory-admin-key-0123456789',
    FACTORY_TIMEOUT_MS: '1000',
    BREAKER_COOLDOWN_MS: '1000',
    // Looser than the default (500 ms), like a misconfigured envelope, so that the console specs
    // can save an ordinary change that misses the 1000 ms SLO and watch it rolled back.
    FACTORY_SAFE_MAX_DELAY_MS: '1000',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
