import 'server-only';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { env } from '@/lib/env';
import { PrismaClient as PostgresClient } from '@/lib/generated/postgres/client';
import { PrismaClient as SqliteClient } from '@/lib/generated/sqlite/client';

/**
 * The one Prisma client. Both generated clients come from the same models.prisma, so they
 * share one API; the app is typed against the SQLite client's and keeps to features both
 * engines support. Kept on globalThis because Next gives each route bundle its own module
 * instances, and dev reloads re-evaluate modules.
 */
export type Db = SqliteClient;
/** Query helpers (Prisma.sql, Prisma.join) and types; the runtime is shared by both clients. */
export { Prisma } from '@/lib/generated/sqlite/client';

function createDb(): Db {
  const { databaseUrl, databaseKind } = env();
  if (databaseKind === 'sqlite') {
    const adapter = new PrismaBetterSqlite3({ url: databaseUrl.slice('file:'.length), timeout: 5_000 });
    return new SqliteClient({ adapter });
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  return new PostgresClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { __jwtPizzaDb?: Db };

export function getDb(): Db {
  globalForDb.__jwtPizzaDb ??= createDb();
  return globalForDb.__jwtPizzaDb;
}

/** Lazily bound so that importing this module at build time opens no database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb();
    const value: unknown = Reflect.get(client, property);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});

/** A write refused by a unique constraint (Prisma's P2002), on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** A write to a row that does not exist (Prisma's P2025), on either engine. */
export function isRecordMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2025';
}
