import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/**
 * Two projects:
 * - unit: imports lib/ code directly (migrator tests need PostgreSQL at 127.0.0.1:5432);
 * - telemetry: the latency telemetry, against real HTTP servers and PostgreSQL where needed;
 * - integration: real `next start` servers over HTTP, one on SQLite and one on PostgreSQL,
 *   started once by tests/integration/global-setup.ts (needs a production build).
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: path.join(root, 'tests/stubs/server-only.ts') },
    ],
  },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'telemetry', include: ['tests/telemetry/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
