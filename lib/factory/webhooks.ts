import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { signBody, SIGNATURE_HEADER } from '@/lib/http/signature';
import { log } from '@/lib/log';

/**
 * Announcing configuration changes to dependents. Each change writes one outbox row per
 * webhook in the same transaction as the version (config.ts); this module delivers them,
 * signed, with retries and exponential backoff, and keeps every outcome visible.
 */
const MAX_ATTEMPTS = 10;
const DELIVERY_TIMEOUT_MS = 5_000;
const LEASE_MS = 30_000;

export interface WebhookView {
  id: number;
  url: string;
  createdAt: string;
  delivered: number;
  pending: number;
  failed: number;
  recent: { id: number; version: number; status: string; attempts: number; lastStatus: number | null; lastError: string | null; createdAt: string; deliveredAt: string | null }[];
}

export async function subscribe(url: string, secret?: string): Promise<{ id: number; url: string; secret: string }> {
  const key = secret ?? randomBytes(24).toString('base64url');
  const hook = await db.factoryWebhook.upsert({ where: { url }, create: { url, secret: key }, update: { secret: key } });
  return { id: hook.id, url: hook.url, secret: key };
}

export async function unsubscribe(id: number): Promise<void> {
  const { count } = await db.factoryWebhook.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('not_found', 'webhook not found');
}

export async function listWebhooks(): Promise<WebhookView[]> {
  const hooks = await db.factoryWebhook.findMany({
    orderBy: { id: 'asc' },
    include: { deliveries: { orderBy: { id: 'desc' }, take: 10 } },
  });
  const counts = await db.factoryWebhookDelivery.groupBy({ by: ['webhookId', 'status'], _count: { _all: true } });
  const count = (id: number, status: string) => counts.find((c) => c.webhookId === id && c.status === status)?._count._all ?? 0;
  return hooks.map((h) => ({
    id: h.id,
    url: h.url,
    createdAt: h.createdAt.toISOString(),
    delivered: count(h.id, 'delivered'),
    pending: count(h.id, 'pending'),
    failed: count(h.id, 'failed'),
    recent: h.deliveries.map((d) => ({
      id: d.id,
      version: d.version,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  }));
}

const backoff = (attempts: number) => Math.min(10 * 60_000, 1_000 * 2 ** attempts);

async function deliver(id: number): Promise<void> {
  const now = new Date();
  // Lease the row so that another instance does not send it at the same time.
  const { count } = await db.factoryWebhookDelivery.updateMany({
    where: { id, status: 'pending', nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
  });
  if (count === 0) return;
  const delivery = await db.factoryWebhookDelivery.findUniqueOrThrow({ where: { id }, include: { webhook: true } });
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.webhook.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signBody(delivery.webhook.secret, delivery.body) },
      body: delivery.body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    status = response.status;
    if (!response.ok) error = `answered ${response.status}`;
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  const attempts = delivery.attempts + 1;
  if (!error) {
    await db.factoryWebhookDelivery.update({
      where: { id },
      data: { status: 'delivered', attempts, lastStatus: status, lastError: null, deliveredAt: new Date() },
    });
    return;
  }
  const gaveUp = attempts >= MAX_ATTEMPTS;
  await db.factoryWebhookDelivery.update({
    where: { id },
    data: {
      status: gaveUp ? 'failed' : 'pending',
      attempts,
      lastStatus: status,
      lastError: error,
      nextAttemptAt: new Date(Date.now() + backoff(attempts)),
    },
  });
  log.warn('webhook delivery failed', { url: delivery.webhook.url, version: delivery.version, attempts, error, gaveUp });
}

/** Sends the due announcements now, in the background: called right after a version commits, so
 * dependents hear of it at once instead of at the sweeper's next tick. */
export function deliverNow(): void {
  deliverDueWebhooks().catch((error: unknown) => log.error('webhook delivery failed', { err: error }));
}

/** Sends every announcement that is due. */
export async function deliverDueWebhooks(): Promise<void> {
  const due = await db.factoryWebhookDelivery.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: new Date() } },
    orderBy: { id: 'asc' },
    take: 20,
    select: { id: true },
  });
  await Promise.all(due.map((d) => deliver(d.id)));
}
