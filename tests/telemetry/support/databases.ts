import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import path from 'node:path';
import type { Db } from '@/lib/db';
import { PrismaClient as PostgresClient } from '@/lib/generated/postgres/client';
import { PrismaClient as SqliteClient } from '@/lib/generated/sqlite/client';
import { createDatabase, dropDatabase } from '../../support/pg';

export interface DatabaseTarget {
  name: string;
  /** A freshly migrated database and a client on it; `close` disconnects (and drops a PostgreSQL one). */
  open: () => Promise<{ db: Db; close: () => Promise<void> }>;
}

/** A fresh SQLite file in `dataDir` and a fresh PostgreSQL database, for `describe.each`. */
export function freshDatabases(dataDir: string, prefix: string): DatabaseTarget[] {
  return [
    {
      name: 'SQLite',
      open: async () => {
        const { migrate } = await import('@/lib/db/migrate');
        const file = path.join(dataDir, `${prefix}-${Date.now()}.db`);
        await migrate('sqlite', `file:${file}`);
        const db = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file, timeout: 5_000 }) });
        return { db, close: () => db.$disconnect() };
      },
    },
    {
      name: 'PostgreSQL',
      open: async () => {
        const { migrate } = await import('@/lib/db/migrate');
        const database = await createDatabase();
        await migrate('postgres', database.url);
        const db = new PostgresClient({ adapter: new PrismaPg({ connectionString: database.url }) }) as unknown as Db;
        return {
          db,
          close: async () => {
            await db.$disconnect();
            await dropDatabase(database.name);
          },
        };
      },
    },
  ];
}
