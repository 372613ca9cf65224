import 'server-only';
import { isAdmin, type AuthUser } from '@/lib/auth/roles';
import type { CreateFranchiseInput } from '@/lib/api/schemas';
import { cached, invalidate } from '@/lib/cache';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { assertAdmin, assertFranchiseAdmin, assertSelfOrAdmin } from './access';
import { btcToSat, satToBtc } from './money';
import { closedStoresByFranchise, franchiseRevenue, revenueByStore, type FranchiseRevenue } from './revenue';
import { conflictIfDuplicate, nameKey } from './names';
import { likePattern } from './search';

export interface StoreView {
  id: number;
  name: string;
  totalRevenue?: number;
}
export interface FranchiseAdmin {
  id: number;
  name: string;
  email: string;
}
export interface FranchiseView {
  id: number;
  name: string;
  admins?: FranchiseAdmin[];
  stores: StoreView[];
}

const LIST_KEY = 'franchises:';

const open = { closedAt: null } as const;

/** Franchises with their open stores; admins and revenue only when asked for. */
async function loadFranchises(ids: number[], detail: boolean): Promise<FranchiseView[]> {
  const rows = await db.franchise.findMany({
    where: { id: { in: ids }, ...open },
    orderBy: { id: 'asc' },
    include: {
      stores: { where: open, orderBy: { id: 'asc' }, select: { id: true, name: true } },
      roles: { where: { role: 'franchisee' }, include: { user: { select: { id: true, name: true, email: true } } } },
    },
  });
  const revenue = detail ? await revenueByStore(rows.flatMap((f) => f.stores.map((s) => s.id))) : undefined;
  return rows.map((f) => ({
    id: f.id,
    name: f.name,
    ...(detail ? { admins: f.roles.map((r) => r.user) } : {}),
    stores: f.stores.map((s) => (revenue ? { ...s, totalRevenue: satToBtc(revenue.get(s.id) ?? 0) } : s)),
  }));
}

/** A franchise as its pages show it: the API's view plus all-time revenue, closed stores included. */
export interface FranchiseLedger extends FranchiseView {
  revenue: FranchiseRevenue;
}

/**
 * Adds all-time revenue to franchises read with their revenue (getUserFranchises, getFranchise,
 * or listFranchises as an admin). The API's shapes stay as they are: open stores only.
 */
export async function withAllTimeRevenue(franchises: FranchiseView[]): Promise<FranchiseLedger[]> {
  const closed = await closedStoresByFranchise(franchises.map((f) => f.id));
  return franchises.map((f) => ({
    ...f,
    revenue: franchiseRevenue(
      f.stores.map((s) => btcToSat(s.totalRevenue ?? 0)),
      closed.get(f.id) ?? [],
    ),
  }));
}

export interface FranchisePage {
  franchises: FranchiseView[];
  more: boolean;
}

/** The public franchise list (cached), or with admins and revenue for admins. page is 0-based. */
export async function listFranchises(
  actor: AuthUser | undefined,
  query: { page: number; limit: number; name: string },
): Promise<FranchisePage> {
  const detail = isAdmin(actor);
  const load = async (): Promise<FranchisePage> => {
    const rows = await db.$queryRaw<{ id: number }[]>`
      SELECT "id" FROM "Franchise" WHERE "closedAt" IS NULL AND LOWER("name") LIKE ${likePattern(query.name)} ESCAPE '\\'
      ORDER BY "id" LIMIT ${query.limit + 1} OFFSET ${query.page * query.limit}`;
    const ids = rows.slice(0, query.limit).map((r) => Number(r.id));
    return { franchises: await loadFranchises(ids, detail), more: rows.length > query.limit };
  };
  if (detail) return load();
  return cached(`${LIST_KEY}${query.page}:${query.limit}:${query.name}`, env().cacheTtlMs, load);
}

/** The franchises a user administers, with admins and revenue. */
export async function getUserFranchises(actor: AuthUser | undefined, userId: number): Promise<FranchiseView[]> {
  assertSelfOrAdmin(actor, userId, "view another user's franchises");
  const roles = await db.userRole.findMany({ where: { userId, role: 'franchisee' }, select: { franchiseId: true } });
  return loadFranchises(
    roles.flatMap((r) => (r.franchiseId == null ? [] : [r.franchiseId])),
    true,
  );
}

/** Franchise names by id, closed franchises too: for showing whose franchisee someone is. */
export async function franchiseNames(actor: AuthUser | undefined, franchiseIds: number[]): Promise<Map<number, string>> {
  assertAdmin(actor);
  if (franchiseIds.length === 0) return new Map();
  const rows = await db.franchise.findMany({ where: { id: { in: franchiseIds } }, select: { id: true, name: true } });
  return new Map(rows.map((f) => [f.id, f.name]));
}

export interface ClosedFranchise {
  id: number;
  name: string;
  closedAt: Date;
  storeCount: number;
  /** All it earned, in satoshi: closing keeps its orders. */
  revenueSat: number;
}

/** The most recently closed franchises, newest first, with what they earned; `more` when there are older ones. */
export async function recentlyClosedFranchises(actor: AuthUser | undefined, limit: number): Promise<{ franchises: ClosedFranchise[]; more: boolean }> {
  assertAdmin(actor);
  const rows = await db.franchise.findMany({
    where: { closedAt: { not: null } },
    orderBy: [{ closedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: { id: true, name: true, closedAt: true, stores: { select: { id: true } } },
  });
  const shown = rows.slice(0, limit);
  const revenue = await revenueByStore(shown.flatMap((f) => f.stores.map((s) => s.id)));
  return {
    franchises: shown.map((f) => ({
      id: f.id,
      name: f.name,
      closedAt: f.closedAt!,
      storeCount: f.stores.length,
      revenueSat: f.stores.reduce((sum, store) => sum + (revenue.get(store.id) ?? 0), 0),
    })),
    more: rows.length > limit,
  };
}

export async function getFranchise(actor: AuthUser | undefined, franchiseId: number): Promise<FranchiseView> {
  assertFranchiseAdmin(actor, franchiseId, 'view this franchise');
  const [franchise] = await loadFranchises([franchiseId], true);
  if (!franchise) throw notFound('franchise');
  return franchise;
}

export async function createFranchise(
  actor: AuthUser | undefined,
  input: CreateFranchiseInput,
): Promise<{ id: number; name: string; admins: FranchiseAdmin[] }> {
  assertAdmin(actor);
  const emails = [...new Set(input.admins.map((a) => a.email))];
  const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, name: true, email: true } });
  const missing = emails.filter((e) => !users.some((u) => u.email === e));
  if (missing.length) throw new AppError('not_found', `unknown user for franchise admin: ${missing.join(', ')}`);
  const franchise = await db.franchise
    .create({
      data: { name: input.name, nameKey: nameKey(input.name), roles: { create: users.map((u) => ({ role: 'franchisee', userId: u.id })) } },
    })
    .catch(conflictIfDuplicate(`a franchise called ${input.name} already exists`));
  invalidate(LIST_KEY);
  return { id: franchise.id, name: franchise.name, admins: users.map(({ email, id, name }) => ({ email, id, name })) };
}

/** Closes a franchise and its stores. Orders and revenue history are kept. */
export async function closeFranchise(actor: AuthUser | undefined, franchiseId: number): Promise<void> {
  assertAdmin(actor);
  const now = new Date();
  await db.$transaction(async (tx) => {
    const { count } = await tx.franchise.updateMany({ where: { id: franchiseId, ...open }, data: { closedAt: now } });
    if (count === 0) throw notFound('franchise');
    await tx.store.updateMany({ where: { franchiseId, ...open }, data: { closedAt: now } });
    await tx.userRole.deleteMany({ where: { franchiseId, role: 'franchisee' } });
  });
  invalidate(LIST_KEY);
}

export async function createStore(
  actor: AuthUser | undefined,
  franchiseId: number,
  input: { name: string },
): Promise<{ id: number; franchiseId: number; name: string; totalRevenue: number }> {
  assertFranchiseAdmin(actor, franchiseId, 'create a store');
  const franchise = await db.franchise.findFirst({ where: { id: franchiseId, ...open } });
  if (!franchise) throw notFound('franchise');
  const store = await db.store
    .create({ data: { franchiseId, name: input.name, nameKey: nameKey(input.name) } })
    .catch(conflictIfDuplicate(`${franchise.name} already has a store called ${input.name}`));
  invalidate(LIST_KEY);
  return { id: store.id, franchiseId, name: store.name, totalRevenue: 0 };
}

export async function closeStore(actor: AuthUser | undefined, franchiseId: number, storeId: number): Promise<void> {
  assertFranchiseAdmin(actor, franchiseId, 'delete a store');
  const { count } = await db.store.updateMany({ where: { id: storeId, franchiseId, ...open }, data: { closedAt: new Date() } });
  if (count === 0) throw notFound('store');
  invalidate(LIST_KEY);
}
