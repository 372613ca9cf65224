import 'server-only';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@/lib/auth/roles';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { orderPizza, type FactoryResult } from '@/lib/factory-client';
import { onBreakerClosed } from '@/lib/factory-client/breaker';
import { log } from '@/lib/log';
import { assertAdmin } from './access';
import { satToBtc } from './money';

/**
 * Turning paid orders into pizzas, exactly once, whatever the factory does.
 *
 * An order is written as `pending` before the factory is called. Whoever calls the factory
 * for it (the customer's request, or the background worker) first *claims* it in the
 * database with a conditional update, and the final `fulfilled` write is conditional on
 * still holding that claim and the order still being pending. Two instances, or a worker
 * racing a request, therefore never both fulfil an order; a crashed claimant's claim
 * expires and the order is picked up again.
 */

const MAX_BACKOFF_MS = 60_000;
const BASE_BACKOFF_MS = 1_000;

/** Exponential backoff with full jitter: a random wait up to base·2^attempt, capped. */
export function backoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(attempt, 16));
  return Math.round(BASE_BACKOFF_MS / 2 + random() * (ceiling - BASE_BACKOFF_MS / 2));
}

/** How long a claim holds: the whole call's budget plus a margin. */
const claimHoldMs = () => env().factoryTimeoutMs * 2 + 5_000;

export function newClaim(): { claimedBy: string; claimedUntil: Date } {
  return { claimedBy: randomUUID(), claimedUntil: new Date(Date.now() + claimHoldMs()) };
}

/** Claims a pending order that nobody holds. Returns the claim id, or null if taken. */
async function claim(orderId: number): Promise<string | null> {
  const now = new Date();
  const next = newClaim();
  const { count } = await db.order.updateMany({
    where: { id: orderId, status: 'pending', OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: next,
  });
  return count === 1 ? next.claimedBy : null;
}

const forFactory = {
  items: { orderBy: { id: 'asc' as const } },
  diner: { select: { id: true, name: true, email: true } },
};

/**
 * Calls the factory for an order this caller has claimed and records the outcome.
 * Returns the factory's result; `fulfilled` tells whether this call made the order fulfilled.
 */
export async function fulfilClaimed(orderId: number, claimedBy: string, deadline?: number): Promise<FactoryResult & { fulfilled: boolean }> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, include: forFactory });
  const pizza = {
    diner: order.diner ?? { id: 0, name: 'deleted account', email: 'deleted@jwt.pizza' },
    order: {
      id: order.id,
      franchiseId: order.franchiseId,
      storeId: order.storeId,
      items: order.items.map((i) => ({ menuId: i.menuId, description: i.description, price: satToBtc(i.priceSat) })),
    },
  };
  const result = await orderPizza(pizza, { deadline });
  const mine = { id: orderId, status: 'pending', claimedBy };
  if (result.ok) {
    const { count } = await db.order.updateMany({
      where: mine,
      data: { status: 'fulfilled', jwt: result.jwt, fulfilledAt: new Date(), failureReason: null, claimedBy: null, claimedUntil: null },
    });
    if (count === 1) log.info('order fulfilled', { orderId, attempts: order.attempts + 1 });
    else log.warn('pizza discarded: order was no longer ours', { orderId });
    return { ...result, fulfilled: count === 1 };
  }
  await db.order.updateMany({
    where: mine,
    data: {
      attempts: { increment: 1 },
      nextAttemptAt: new Date(Date.now() + backoffMs(order.attempts)),
      failureReason: result.message,
      claimedBy: null,
      claimedUntil: null,
    },
  });
  return { ...result, fulfilled: false };
}

/** Marks orders that waited past their limit as failed. */
async function giveUpOverdue(): Promise<number> {
  const { count } = await db.order.updateMany({
    where: {
      status: 'pending',
      giveUpAt: { lt: new Date() },
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: new Date() } }],
    },
    data: { status: 'failed', claimedBy: null, claimedUntil: null },
  });
  if (count > 0) log.warn('orders failed after waiting too long', { count });
  return count;
}

/** Orders a pass takes at most, and how many of them it sends to the factory at once. */
const BATCH = 32;
const CONCURRENCY = 4;

/**
 * One pass of the worker: give up overdue orders, then retry those that are due, a few at a
 * time. While the circuit is open the rest of the batch would be refused at once too, so the
 * pass stops and leaves them for the next one.
 */
export async function runFulfilmentPass(): Promise<{ attempted: number; fulfilled: number; failed: number }> {
  const failed = await giveUpOverdue();
  const now = new Date();
  const due = await db.order.findMany({
    where: {
      status: 'pending',
      nextAttemptAt: { lte: now },
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
    },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH,
    select: { id: true },
  });
  const queue = due.map((d) => d.id);
  let attempted = 0;
  let fulfilled = 0;
  let circuitOpen = false;
  async function lane(): Promise<void> {
    for (let id = queue.shift(); id !== undefined && !circuitOpen; id = queue.shift()) {
      const claimedBy = await claim(id);
      if (!claimedBy) continue;
      attempted += 1;
      const result = await fulfilClaimed(id, claimedBy);
      if (result.fulfilled) fulfilled += 1;
      if (!result.ok && result.kind === 'circuit_open') circuitOpen = true;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return { attempted, fulfilled, failed };
}

/** When the factory has recovered, every waiting order is due at once instead of at its backoff. */
export async function retryPendingNow(): Promise<number> {
  const { count } = await db.order.updateMany({ where: { status: 'pending' }, data: { nextAttemptAt: new Date() } });
  return count;
}

interface WorkerHolder {
  timer: NodeJS.Timeout;
  running: boolean;
}
const globalForWorker = globalThis as unknown as { __jwtPizzaFulfilment?: WorkerHolder };

/** Starts the background worker once per process. Pending orders survive restarts: they are in the database. */
export function startFulfilmentWorker(): void {
  if (globalForWorker.__jwtPizzaFulfilment || !env().fulfilmentWorker) return;
  const holder: WorkerHolder = {
    running: false,
    timer: setInterval(async () => {
      if (holder.running) return;
      holder.running = true;
      try {
        // A full batch means more is due: keep going rather than wait for the next tick.
        while ((await runFulfilmentPass()).attempted >= BATCH);
      } catch (error) {
        log.error('fulfilment pass failed', { err: error });
      } finally {
        holder.running = false;
      }
    }, env().fulfilmentIntervalMs),
  };
  holder.timer.unref();
  globalForWorker.__jwtPizzaFulfilment = holder;
  onBreakerClosed(() => {
    retryPendingNow().catch((error: unknown) => log.error('could not reschedule pending orders', { err: error }));
  });
}

/** An admin sends a failed order back to the queue for another round of attempts. */
export async function retryFailedOrder(actor: AuthUser | undefined, orderId: number): Promise<void> {
  assertAdmin(actor);
  const order = await db.order.findUnique({ where: { id: orderId }, select: { status: true } });
  if (!order) throw notFound('order');
  if (order.status !== 'failed') throw new AppError('conflict', `order ${orderId} is ${order.status}, not failed`);
  await db.order.updateMany({
    where: { id: orderId, status: 'failed' },
    data: { status: 'pending', attempts: 0, nextAttemptAt: new Date(), giveUpAt: new Date(Date.now() + env().orderGiveUpMs) },
  });
}

export interface StoreQueue {
  storeId: number;
  storeName: string;
  franchiseName: string;
  pending: number;
  oldestPendingAt: string | null;
}

export interface FailedOrder {
  id: number;
  storeName: string;
  franchiseName: string;
  createdAt: string;
  attempts: number;
  failureReason: string | null;
}

/** The queue as admins see it: pending orders per store and how old the oldest is, and failed orders. */
export async function fulfilmentQueue(actor: AuthUser | undefined): Promise<{ stores: StoreQueue[]; failed: FailedOrder[] }> {
  assertAdmin(actor);
  const [groups, failed] = await Promise.all([
    db.order.groupBy({ by: ['storeId'], where: { status: 'pending' }, _count: { _all: true }, _min: { createdAt: true } }),
    db.order.findMany({
      where: { status: 'failed' },
      orderBy: { createdAt: 'desc' },
      take: 50,
      include: { store: { select: { name: true } }, franchise: { select: { name: true } } },
    }),
  ]);
  const stores = await db.store.findMany({
    where: { id: { in: groups.map((g) => g.storeId) } },
    include: { franchise: { select: { name: true } } },
  });
  const byId = new Map(stores.map((s) => [s.id, s]));
  return {
    stores: groups
      .map((g) => ({
        storeId: g.storeId,
        storeName: byId.get(g.storeId)?.name ?? `store ${g.storeId}`,
        franchiseName: byId.get(g.storeId)?.franchise.name ?? '',
        pending: g._count._all,
        oldestPendingAt: g._min.createdAt?.toISOString() ?? null,
      }))
      .sort((a, b) => b.pending - a.pending),
    failed: failed.map((o) => ({
      id: o.id,
      storeName: o.store.name,
      franchiseName: o.franchise.name,
      createdAt: o.createdAt.toISOString(),
      attempts: o.attempts,
      failureReason: o.failureReason,
    })),
  };
}
