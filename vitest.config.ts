import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/** Minimal config for the telemetry tests; the test branch brings the full one (merge: add a project for tests/telemetry). */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: path.join(root, 'tests/stubs/server-only.ts') },
    ],
  },
  test: {
    environment: 'node',
    include: ['tests/telemetry/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
