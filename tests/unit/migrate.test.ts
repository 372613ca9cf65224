import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseKind } from '@/lib/env';
import { migrate, MigrationError, migrationsDir } from '@/lib/db/migrate';
import { PrismaClient as PostgresClient } from '@/lib/generated/postgres/client';
import { PrismaClient as SqliteClient } from '@/lib/generated/sqlite/client';
import { createDatabase, dropDatabase } from '../support/pg';

/**
 * The hand-written migrator, on both engines. After migrating, the generated Prisma client
 * for that engine reads and writes every model: this is what proves the hand-written SQL
 * matches models.prisma.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

const tmpDirs: string[] = [];
const databases: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-migrate-'));
  tmpDirs.push(dir);
  return dir;
};

afterAll(async () => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
  for (const name of databases) await dropDatabase(name);
});

interface Engine {
  kind: DatabaseKind;
  /** A fresh, empty database. */
  fresh(): Promise<string>;
  history(url: string): Promise<{ migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number }[]>;
  tables(url: string): Promise<string[]>;
  client(url: string): SqliteClient;
}

const sqlite: Engine = {
  kind: 'sqlite',
  fresh: async () => `file:${path.join(tempDir(), 'nested', 'dir', 'test.db')}`,
  async history(url) {
    const db = new Database(url.slice('file:'.length), { readonly: true });
    try {
      return db.prepare('SELECT * FROM "_prisma_migrations" ORDER BY migration_name').all() as never;
    } finally {
      db.close();
    }
  },
  async tables(url) {
    const db = new Database(url.slice('file:'.length), { readonly: true });
    try {
      return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
    } finally {
      db.close();
    }
  },
  client: (url) => new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: url.slice('file:'.length) }) }),
};

async function pgQuery<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const postgres: Engine = {
  kind: 'postgres',
  async fresh() {
    const { name, url } = await createDatabase();
    databases.push(name);
    return url;
  },
  history: (url) => pgQuery(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name'),
  tables: async (url) =>
    (await pgQuery<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).map((r) => r.table_name),
  client: (url) => new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as SqliteClient,
};

const MODEL_TABLES = ['User', 'UserRole', 'ApiSession', 'MenuItem', 'Franchise', 'Store', 'Order', 'OrderItem', 'FactoryVendor', 'FactorySigningKey'];

/** A temp copy of the repo's prisma/ folder, to use as migrate()'s root. */
function copyOfPrisma(): string {
  const root = tempDir();
  cpSync(path.join(ROOT, 'prisma'), path.join(root, 'prisma'), { recursive: true, dereference: true });
  return root;
}

describe.each([sqlite, postgres])('migrate() on $kind', (engine) => {
  const committed = readdirSync(migrationsDir(engine.kind, ROOT)).filter((n) => !n.endsWith('.toml')).sort();

  let url: string;
  let firstRun: string[];
  beforeAll(async () => {
    url = await engine.fresh();
    firstRun = await migrate(engine.kind, url, ROOT);
  });

  it('applies every committed migration, in name order, to an empty database', async () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(firstRun).toEqual(committed);
    expect(await engine.tables(url)).toEqual(expect.arrayContaining([...MODEL_TABLES, '_prisma_migrations']));
  });

  it("records each migration in _prisma_migrations with the sha256 of its migration.sql, as Prisma's CLI does", async () => {
    const rows = await engine.history(url);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir(engine.kind, ROOT), row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it('is idempotent: a second run applies nothing and records nothing', async () => {
    expect(await migrate(engine.kind, url, ROOT)).toEqual([]);
    expect(await engine.history(url)).toHaveLength(committed.length);
  });

  it('refuses a migration edited after it was applied (checksum mismatch)', async () => {
    const root = copyOfPrisma();
    const first = path.join(migrationsDir(engine.kind, root), committed[0]!, 'migration.sql');
    appendFileSync(first, '\n-- edited afterwards\n');
    await expect(migrate(engine.kind, url, root)).rejects.toThrow(MigrationError);
    await expect(migrate(engine.kind, url, root)).rejects.toThrow(/checksum mismatch/);
    expect(await engine.history(url)).toHaveLength(committed.length);
  });

  it('applies a new migration added later, and only that one', async () => {
    const root = copyOfPrisma();
    const dir = path.join(migrationsDir(engine.kind, root), '29991231000000_add_note');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'migration.sql'), 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
    const url2 = await engine.fresh();
    await migrate(engine.kind, url2, ROOT);
    expect(await migrate(engine.kind, url2, root)).toEqual(['29991231000000_add_note']);
    expect(await engine.tables(url2)).toContain('Note');
    expect(await migrate(engine.kind, url2, root)).toEqual([]);
  });

  it('a failing migration changes nothing and is refused again on the next start', async () => {
    const root = copyOfPrisma();
    const dir = path.join(migrationsDir(engine.kind, root), '29991231000000_broken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n');
    const url2 = await engine.fresh();
    await migrate(engine.kind, url2, ROOT);
    await expect(migrate(engine.kind, url2, root)).rejects.toThrow();
    // The broken migration's transaction rolled back: no half-applied table.
    expect(await engine.tables(url2)).not.toContain('Half');
    await expect(migrate(engine.kind, url2, root)).rejects.toThrow();
    const applied = (await engine.history(url2)).filter((r) => r.finished_at != null).map((r) => r.migration_name);
    expect(applied).toEqual(committed);
  });

  it('keys the names that were there before case-insensitive uniqueness: earlier lookalikes stay, new ones are refused', async () => {
    const keyed = '20261207130000_case_insensitive_names';
    const before = copyOfPrisma();
    for (const name of committed.filter((n) => n >= keyed)) rmSync(path.join(migrationsDir(engine.kind, before), name), { recursive: true });
    const url2 = await engine.fresh();
    await migrate(engine.kind, url2, before);
    const db = engine.client(url2);
    try {
      await db.$executeRawUnsafe(`INSERT INTO "MenuItem" ("title", "description", "image", "priceSat") VALUES ('Veggie', 'd', '/v.svg', 1), ('veggie ', 'd', '/v.svg', 1)`);
      await db.$executeRawUnsafe(`INSERT INTO "Franchise" ("name", "closedAt") VALUES ('Gone', CURRENT_TIMESTAMP), ('SLC', NULL), ('slc', NULL), ('GONE', NULL)`);
      await db.$executeRawUnsafe(`INSERT INTO "Store" ("franchiseId", "name") VALUES (2, 'Main'), (2, 'MAIN'), (3, 'main')`);
      await migrate(engine.kind, url2, ROOT);
      const keys = async (rows: Promise<{ id: number; key: string }[]>) => (await rows).map((r) => `${r.id}:${r.key}`);
      expect(await keys(db.$queryRawUnsafe(`SELECT "id", "titleKey" AS "key" FROM "MenuItem" ORDER BY "id"`))).toEqual(['1:veggie', '2:veggie#2']);
      expect(await keys(db.$queryRawUnsafe(`SELECT "id", "nameKey" AS "key" FROM "Franchise" ORDER BY "id"`))).toEqual(['1:gone', '2:slc', '3:slc#3', '4:gone']);
      expect(await keys(db.$queryRawUnsafe(`SELECT "id", "nameKey" AS "key" FROM "Store" ORDER BY "id"`))).toEqual(['1:main', '2:main#2', '3:main']);
      const item = { title: 'VEGGIE', titleKey: 'veggie', description: 'd', image: '/v.svg', priceSat: 1 };
      await expect(db.menuItem.create({ data: item })).rejects.toMatchObject({ code: 'P2002' });
      await expect(db.franchise.create({ data: { name: 'Slc', nameKey: 'slc' } })).rejects.toMatchObject({ code: 'P2002' });
      await expect(db.store.create({ data: { franchiseId: 2, name: 'main', nameKey: 'main' } })).rejects.toMatchObject({ code: 'P2002' });
      // Closed ones block nothing, as before.
      await db.franchise.update({ where: { id: 2 }, data: { closedAt: new Date() } });
      await expect(db.franchise.create({ data: { name: 'Slc', nameKey: 'slc' } })).resolves.toMatchObject({ name: 'Slc' });
    } finally {
      await db.$disconnect();
    }
  });

  it('the generated Prisma client for this engine reads and writes every model on the migrated schema', async () => {
    const db = engine.client(url);
    try {
      const franchise = await db.franchise.create({ data: { name: 'pizzaPocket', nameKey: 'pizzapocket', stores: { create: { name: 'SLC', nameKey: 'slc' } } }, include: { stores: true } });
      const store = franchise.stores[0]!;
      const user = await db.user.create({
        data: {
          name: 'Pizza Diner',
          email: 'd@jwt.com',
          passwordHash: 'scrypt$10$8$1$x$y',
          roles: { create: [{ role: 'diner' }, { role: 'franchisee', franchiseId: franchise.id }] },
          sessions: { create: { id: 'session-1', expiresAt: new Date(Date.now() + 60_000) } },
        },
      });
      const menu = await db.menuItem.create({ data: { title: 'Veggie', titleKey: 'veggie', description: 'A garden of delight', image: '/v.svg', priceSat: 380_000 } });
      const order = await db.order.create({
        data: {
          dinerId: user.id,
          franchiseId: franchise.id,
          storeId: store.id,
          items: { create: [{ menuId: menu.id, description: 'Veggie', priceSat: 380_000 }, { menuId: menu.id, description: 'Veggie', priceSat: 990_000 }] },
        },
      });
      await db.factoryVendor.create({ data: { name: 'JWT Pizza', apiKeyHash: 'abc' } });
      await db.factorySigningKey.create({ data: { kid: 'k1', privateJwk: '{}', publicJwk: '{}' } });

      const read = await db.user.findUnique({
        where: { email: 'd@jwt.com' },
        include: { roles: { orderBy: { id: 'asc' } }, sessions: true, orders: { include: { items: true } } },
      });
      expect(read).toMatchObject({
        id: user.id,
        name: 'Pizza Diner',
        roles: [
          { role: 'diner', franchiseId: null },
          { role: 'franchisee', franchiseId: franchise.id },
        ],
        sessions: [{ id: 'session-1', revokedAt: null }],
        orders: [{ id: order.id, status: 'pending', jwt: null, items: [{ priceSat: 380_000 }, { priceSat: 990_000 }] }],
      });
      expect(read!.createdAt).toBeInstanceOf(Date);
      expect(await db.factorySigningKey.findUnique({ where: { kid: 'k1' } })).toMatchObject({ retiredAt: null });

      // Constraints from the models: unique email, cascade to roles/sessions, SET NULL on orders.
      await expect(db.user.create({ data: { name: 'Dup', email: 'd@jwt.com', passwordHash: 'x' } })).rejects.toMatchObject({ code: 'P2002' });
      await db.user.delete({ where: { id: user.id } });
      expect(await db.userRole.count({ where: { userId: user.id } })).toBe(0);
      expect(await db.apiSession.count()).toBe(0);
      expect(await db.order.findUnique({ where: { id: order.id } })).toMatchObject({ dinerId: null });
    } finally {
      await db.$disconnect();
    }
  });
});

describe('migrate() on PostgreSQL with two instances starting at once', () => {
  it('both succeed and the migrations are applied exactly once', async () => {
    const url = await postgres.fresh();
    const [a, b] = await Promise.all([migrate('postgres', url, ROOT), migrate('postgres', url, ROOT)]);
    const committed = readdirSync(migrationsDir('postgres', ROOT)).filter((n) => !n.endsWith('.toml')).sort();
    expect([a, b].sort((x, y) => y.length - x.length)).toEqual([committed, []]);
    const rows = await postgres.history(url);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
  });
});
