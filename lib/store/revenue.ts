import 'server-only';
import { db, Prisma } from '@/lib/db';

/** Revenue per store in satoshi: the sum of its order items' prices, summed in SQL. */
export async function revenueByStore(storeIds: number[]): Promise<Map<number, number>> {
  if (storeIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ storeId: number | bigint; total: number | bigint | null }[]>`
    SELECT o."storeId" AS "storeId", SUM(i."priceSat") AS "total"
    FROM "OrderItem" i JOIN "Order" o ON o."id" = i."orderId"
    WHERE o."storeId" IN (${Prisma.join(storeIds)})
    GROUP BY o."storeId"`;
  return new Map(rows.map((r) => [Number(r.storeId), Number(r.total ?? 0)]));
}

export interface ClosedStoreRevenue {
  id: number;
  name: string;
  revenueSat: number;
}

/** What a franchise has earned, in satoshi. */
export interface FranchiseRevenue {
  /** Every order it ever took: open stores and closed ones alike. */
  totalSat: number;
  closedSat: number;
  /** Most recently closed first. */
  closedStores: ClosedStoreRevenue[];
}

/**
 * The one rule for a franchise's revenue: closing a store keeps its orders, so what it earned
 * stays in the franchise's total.
 */
export function franchiseRevenue(openStoresSat: number[], closedStores: ClosedStoreRevenue[]): FranchiseRevenue {
  const closedSat = closedStores.reduce((sum, s) => sum + s.revenueSat, 0);
  return { totalSat: openStoresSat.reduce((sum, sat) => sum + sat, 0) + closedSat, closedSat, closedStores };
}

/** The closed stores of these franchises, each with its revenue, keyed by franchise id. */
export async function closedStoresByFranchise(franchiseIds: number[]): Promise<Map<number, ClosedStoreRevenue[]>> {
  if (franchiseIds.length === 0) return new Map();
  const stores = await db.store.findMany({
    where: { franchiseId: { in: franchiseIds }, closedAt: { not: null } },
    orderBy: [{ closedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, name: true, franchiseId: true },
  });
  const revenue = await revenueByStore(stores.map((s) => s.id));
  const byFranchise = new Map<number, ClosedStoreRevenue[]>();
  for (const { franchiseId, id, name } of stores) {
    byFranchise.set(franchiseId, [...(byFranchise.get(franchiseId) ?? []), { id, name, revenueSat: revenue.get(id) ?? 0 }]);
  }
  return byFranchise;
}
