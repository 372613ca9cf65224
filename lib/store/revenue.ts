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
