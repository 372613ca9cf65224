import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseKind } from '@/lib/env';

/**
 * Applies the committed SQL migrations in prisma/<kind>/migrations, in name order, one
 * transaction each, and records them in Prisma's own _prisma_migrations table with Prisma's
 * checksum, so the Prisma CLI can take over wherever it can run. Prisma's schema engine
 * cannot be downloaded on our machines, which is why this exists.
 *
 * Safe for several instances starting at once: Postgres takes an advisory lock, SQLite an
 * immediate (write) transaction. A failed migration is recorded and blocks later starts.
 */

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function migrationsDir(kind: DatabaseKind, root = process.cwd()): string {
  return path.join(root, 'prisma', kind === 'sqlite' ? 'sqlite' : 'postgres', 'migrations');
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** Returns the migrations still to apply; throws if the history is broken. */
function pending(migrations: Migration[], applied: AppliedRow[]): Migration[] {
  const failed = applied.find((row) => row.finished_at == null && row.rolled_back_at == null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier. Fix the database, mark it rolled back, then restart.`,
    );
  }
  const done = new Map(applied.filter((r) => r.finished_at != null).map((r) => [r.migration_name, r.checksum]));
  for (const m of migrations) {
    const checksum = done.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new MigrationError(`Migration ${m.name} was edited after it was applied (checksum mismatch).`);
    }
  }
  return migrations.filter((m) => !done.has(m.name));
}

const SQLITE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function migrateSqlite(file: string, migrations: Migration[]): string[] {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    sqlite.pragma('journal_mode = WAL');
    // Prisma's "redefine table" migrations would cascade-delete child rows with foreign keys on.
    sqlite.pragma('foreign_keys = OFF');
    sqlite.exec(SQLITE_HISTORY);
    const applyAll = sqlite.transaction(() => {
      const applied = sqlite.prepare('SELECT * FROM "_prisma_migrations"').all() as AppliedRow[];
      const todo = pending(migrations, applied);
      for (const m of todo) {
        sqlite.exec(m.sql);
        const violations = sqlite.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) throw new MigrationError(`Migration ${m.name} broke ${violations.length} foreign keys.`);
        sqlite
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
             VALUES (?, ?, ?, current_timestamp, 1)`,
          )
          .run(randomUUID(), m.checksum, m.name);
      }
      return todo.map((m) => m.name);
    });
    // IMMEDIATE takes the write lock up front, so a second starter waits instead of racing.
    return applyAll.immediate();
  } finally {
    sqlite.pragma('foreign_keys = ON');
    sqlite.close();
  }
}

const LOCK_KEY = 72_617_001; // any constant shared by every instance

export async function migratePostgres(connectionString: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(POSTGRES_HISTORY);
    const { rows } = await client.query<AppliedRow>('SELECT * FROM "_prisma_migrations"');
    const todo = pending(migrations, rows);
    for (const m of todo) {
      const id = randomUUID();
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [id, m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs) VALUES ($1, $2, $3, $4)`,
          [id, m.checksum, m.name, error instanceof Error ? error.message : String(error)],
        );
        throw new MigrationError(`Migration ${m.name} failed: ${error instanceof Error ? error.message : error}`);
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export async function migrate(kind: DatabaseKind, databaseUrl: string, root?: string): Promise<string[]> {
  const migrations = readMigrations(migrationsDir(kind, root));
  return kind === 'sqlite'
    ? migrateSqlite(databaseUrl.slice('file:'.length), migrations)
    : migratePostgres(databaseUrl, migrations);
}
