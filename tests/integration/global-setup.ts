import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, PG_ADMIN_URL, postgresAnswers } from '../support/pg';
import { assertBuilt, freePort, startServer, warnIfStale, type RunningServer } from '../support/server';
import { ADMIN_EMAIL, ADMIN_PASSWORD, AUTH_SECRET, FACTORY_API_KEY, type Target } from './support';

/**
 * Starts the production build twice, on SQLite and on PostgreSQL, each on a fresh database
 * and its own DATA_DIR, and hands their URLs to the tests. The demo users are seeded on
 * SQLite (SEED_DEMO=on) and left to the default (off) on PostgreSQL.
 */
export default async function setup(project: TestProject) {
  assertBuilt();
  warnIfStale();
  if (!(await postgresAnswers())) {
    throw new Error(`PostgreSQL does not answer at ${PG_ADMIN_URL}. Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
  }
  const keep = process.env.KEEP_TEST_DATA === '1';
  const sqliteDir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-it-sqlite-'));
  const postgresDir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-it-postgres-'));
  const database = await createDatabase();
  const sqlitePort = await freePort(Number(process.env.TEST_PORT ?? 3201));
  const postgresPort = await freePort(sqlitePort + 1);

  const common = {
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    AUTH_SECRET,
    FACTORY_API_KEY,
    PASSWORD_HASH_COST: '10',
  };
  const servers: RunningServer[] = [];
  const teardown = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropDatabase(database.name);
    if (keep) console.log(`integration data kept: ${sqliteDir} ${postgresDir}`);
    else for (const dir of [sqliteDir, postgresDir]) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const started = await Promise.allSettled([
      startServer({
        port: sqlitePort,
        logFile: path.join(sqliteDir, 'server.log'),
        env: { ...common, DATA_DIR: sqliteDir, SEED_DEMO: 'on' },
      }),
      startServer({
        port: postgresPort,
        logFile: path.join(postgresDir, 'server.log'),
        env: { ...common, DATA_DIR: postgresDir, DATABASE_URL: database.url },
      }),
    ]);
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  } catch (error) {
    await teardown();
    throw error;
  }

  const targets: Target[] = [
    { name: 'sqlite', url: servers[0]!.url, dataDir: sqliteDir },
    { name: 'postgres', url: servers[1]!.url, dataDir: postgresDir },
  ];
  project.provide('targets', targets);
  return teardown;
}
