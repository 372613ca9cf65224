import 'server-only';
import { isAdmin, type AuthUser } from '@/lib/auth/roles';
import type { OrderInput } from '@/lib/api/schemas';
import { db, isUniqueViolation, type Prisma } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { env } from '@/lib/env';
import { fulfilClaimed, newClaim } from './fulfilment';
import { getMenu } from './menu';
import { satToBtc } from './money';

export type OrderStatus = 'pending' | 'fulfilled' | 'failed';

export interface OrderItemView {
  id?: number;
  menuId: number;
  description: string;
  price: number;
}

export interface OrderView {
  id: number;
  franchiseId: number;
  storeId: number;
  date: string;
  status: OrderStatus;
  items: OrderItemView[];
  /** Display names, for the UI. */
  franchiseName: string;
  storeName: string;
  totalPrice: number;
  jwt: string | null;
  fulfilledAt: string | null;
  failureReason: string | null;
}

const orderInclude = {
  items: { orderBy: { id: 'asc' } },
  franchise: { select: { name: true } },
  store: { select: { name: true } },
} satisfies Prisma.OrderInclude;

type OrderRow = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

function toView(row: OrderRow): OrderView {
  return {
    id: row.id,
    franchiseId: row.franchiseId,
    storeId: row.storeId,
    date: row.createdAt.toISOString(),
    status: row.status as OrderStatus,
    items: row.items.map((i) => ({ id: i.id, menuId: i.menuId, description: i.description, price: satToBtc(i.priceSat) })),
    franchiseName: row.franchise.name,
    storeName: row.store.name,
    totalPrice: satToBtc(row.items.reduce((sum, i) => sum + i.priceSat, 0)),
    jwt: row.jwt,
    fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
    failureReason: row.failureReason,
  };
}

export interface PlacedOrder {
  order: OrderView;
  /** Set when the factory signed the pizza within the time budget. */
  jwt?: string;
  reportUrl?: string;
  /** Why the pizza is not made yet; the order is recorded as pending and retried. */
  factoryError?: string;
}

/** A checkout key already paid with another cart: the cart changed (another tab, a copied profile) while or after its pay went out. */
export class CheckoutAlreadyPaid extends AppError {
  constructor(readonly orderId: number) {
    super('conflict', `this checkout was already paid as order ${orderId}, with a different cart`);
  }
}

const cartOf = (storeId: number, menuIds: number[]) => `${storeId}:${[...menuIds].sort((a, b) => a - b).join(',')}`;

/** What the pizza is so far, for an order already paid with this checkout key (a repeated pay); refused for a different cart. */
function placed(order: OrderView, input: OrderInput): PlacedOrder {
  const paid = cartOf(order.storeId, order.items.map((i) => i.menuId));
  if (paid !== cartOf(input.storeId, input.items.map((i) => i.menuId))) throw new CheckoutAlreadyPaid(order.id);
  return order.status === 'fulfilled' && order.jwt ? { order, jwt: order.jwt } : { order, factoryError: 'the pizza is being prepared' };
}

/**
 * Records a paid order, priced from the menu in the database whatever the client sent, then
 * asks the factory for the signed pizza within the time budget. The order is written whole
 * before the factory is called, so a slow or failing factory never loses it: it stays
 * pending, and the fulfilment worker keeps trying until the pizza is made.
 *
 * With a checkout key (the UI's cart), paying is idempotent: a second pay with the diner's key
 * returns the order already placed and calls nobody, and is refused if the cart is not the one
 * paid (CheckoutAlreadyPaid). The REST API sends no key.
 */
export async function placeOrder(actor: AuthUser | undefined, input: OrderInput, checkoutKey?: string): Promise<PlacedOrder> {
  // The factory call gets what is left of the budget once the order is written, so the
  // customer's wait, not only the call, stays close to the budget.
  const deadline = Date.now() + env().factoryTimeoutMs;
  if (!actor) throw new AppError('unauthorized', 'unauthorized');
  if (checkoutKey) {
    const earlier = await findOrderByCheckoutKey(actor, checkoutKey);
    if (earlier) return placed(earlier, input);
  }
  const store = await db.store.findFirst({
    where: { id: input.storeId, closedAt: null, franchise: { closedAt: null } },
    select: { franchiseId: true },
  });
  if (!store) throw notFound('store');
  if (store.franchiseId !== input.franchiseId) {
    throw new AppError('bad_request', `store ${input.storeId} does not belong to franchise ${input.franchiseId}`);
  }
  const menu = new Map((await getMenu()).map((m) => [m.id, m]));
  const items = input.items.map(({ menuId }) => {
    const item = menu.get(menuId);
    if (!item) throw new AppError('bad_request', `menu item ${menuId} is not on the menu`);
    return { menuId, description: item.title, priceSat: item.priceSat };
  });

  const now = new Date();
  const claim = newClaim();
  let id: number;
  try {
    ({ id } = await db.order.create({
      data: {
        dinerId: actor.id,
        franchiseId: input.franchiseId,
        storeId: input.storeId,
        checkoutKey,
        items: { create: items },
        nextAttemptAt: now,
        giveUpAt: new Date(now.getTime() + env().orderGiveUpMs),
        ...claim,
      },
      select: { id: true },
    }));
  } catch (error) {
    // A concurrent pay with the same key won the unique (dinerId, checkoutKey): return its order.
    const earlier = checkoutKey && isUniqueViolation(error) ? await findOrderByCheckoutKey(actor, checkoutKey) : null;
    if (earlier) return placed(earlier, input);
    throw error;
  }
  const result = await fulfilClaimed(id, claim.claimedBy, deadline);
  const order = toView(await db.order.findUniqueOrThrow({ where: { id }, include: orderInclude }));
  if (order.status === 'fulfilled' && order.jwt) {
    return { order, jwt: order.jwt, reportUrl: result.ok ? result.reportUrl : undefined };
  }
  return { order, factoryError: result.ok ? 'the pizza is being prepared' : result.message };
}

/** The diner's order paid with this checkout key, if one was placed. */
export async function findOrderByCheckoutKey(actor: AuthUser | undefined, checkoutKey: string): Promise<OrderView | null> {
  if (!actor) throw new AppError('unauthorized', 'unauthorized');
  const row = await db.order.findUnique({
    where: { dinerId_checkoutKey: { dinerId: actor.id, checkoutKey } },
    include: orderInclude,
  });
  return row ? toView(row) : null;
}

export const ORDERS_PER_PAGE = 10;

export interface OrderHistory {
  dinerId: number;
  orders: OrderView[];
  page: number;
  more: boolean;
}

/** A diner's orders, newest first, ten a page (page is 1-based). */
export async function listOrders(actor: AuthUser | undefined, page: number): Promise<OrderHistory> {
  if (!actor) throw new AppError('unauthorized', 'unauthorized');
  const rows = await db.order.findMany({
    where: { dinerId: actor.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * ORDERS_PER_PAGE,
    take: ORDERS_PER_PAGE + 1,
    include: orderInclude,
  });
  return { dinerId: actor.id, orders: rows.slice(0, ORDERS_PER_PAGE).map(toView), page, more: rows.length > ORDERS_PER_PAGE };
}

/** One order, for its diner or an admin. Other users get a 404, so ids reveal nothing. */
export async function getOrder(actor: AuthUser | undefined, orderId: number): Promise<OrderView> {
  if (!actor) throw new AppError('unauthorized', 'unauthorized');
  const row = await db.order.findFirst({
    where: { id: orderId, ...(isAdmin(actor) ? {} : { dinerId: actor.id }) },
    include: orderInclude,
  });
  if (!row) throw notFound('order');
  return toView(row);
}
