import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A fresh DATA_DIR and SQLite file for a test file, set in process.env *before* any app module
 * is imported (env() reads it once). Import app modules dynamically after calling this.
 */
export function useTestEnv(extra: Record<string, string> = {}): { dataDir: string; databaseUrl: string; cleanup: () => void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-telemetry-'));
  const databaseUrl = `file:${path.join(dataDir, 'test.db')}`;
  Object.assign(process.env, { NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, TELEMETRY: 'on', PROBE_INTERVAL_MS: '0', ...extra });
  return { dataDir, databaseUrl, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** useTestEnv with its SQLite database migrated before the file's tests, and closed and removed after them. */
export function useMigratedTestEnv(extra: Record<string, string> = {}): ReturnType<typeof useTestEnv> {
  const env = useTestEnv(extra);
  beforeAll(async () => {
    const { migrate } = await import('@/lib/db/migrate');
    await migrate('sqlite', env.databaseUrl);
  });
  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().$disconnect();
    env.cleanup();
  });
  return env;
}
