import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { alertsView } from '../alerts/view';
import { incidentHref, incidentSummary } from '../incidents/read';
import { notificationBody, type NotificationKind, type WebhookFormat } from './body';

/**
 * The webhook outbox's delivery (every second, on every instance). A row is claimed with a
 * conditional update of claimedUntil, so two instances never send it twice; it is POSTed to
 * ALERT_WEBHOOK_URL and, on failure, retried with exponential backoff until maxAttempts,
 * then given up as 'failed'. lastStatus/lastError keep the last outcome. An incident's
 * 'resolved' waits for its 'firing' to be delivered or given up, so receivers see them in order.
 */

export interface DeliveryOptions {
  url: string;
  format: WebhookFormat;
  maxAttempts: number;
  /** The first retry's delay; doubled each time, capped at MAX_BACKOFF_MS. */
  backoffMs: number;
  /** Absolute base of the links sent (PUBLIC_URL). */
  baseUrl: string;
  timeoutMs: number;
  /** How long a claim holds: longer than one delivery can take. */
  claimMs: number;
}

export const MAX_BACKOFF_MS = 5 * 60_000;
const BATCH = 20;

export function deliveryOptions(): DeliveryOptions | null {
  const e = env();
  const i = e.incidents;
  if (!i.webhookUrl) return null;
  return { url: i.webhookUrl, format: i.webhookFormat, maxAttempts: i.webhookMaxAttempts, backoffMs: i.webhookBackoffMs, baseUrl: e.publicUrl, timeoutMs: 5_000, claimMs: 30_000 };
}

/** The delay before attempt `attempts + 1`, after `attempts` failed ones. */
export const backoffMs = (attempts: number, baseMs: number) => Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));

/** Why an attempt failed, without the URL (a Slack webhook URL is a secret). */
function failureReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof cause === 'string' ? cause : 'request failed';
}

async function buildBody(db: Db, incidentId: number, kind: NotificationKind, o: DeliveryOptions, now: number): Promise<unknown> {
  const incident = await incidentSummary(incidentId, db);
  const alerts = (await alertsView(db, 0))
    .filter((a) => incident.ruleIds.includes(a.id))
    .map((a) => ({ id: a.id, name: a.name, severity: a.severity, state: a.state, since: a.since, value: a.value }));
  return notificationBody(o.format, { kind, incident, alerts, url: `${o.baseUrl}${incidentHref(incidentId)}`, baseUrl: o.baseUrl, sentAt: new Date(now) });
}

/** One delivery pass; returns how many notifications this caller attempted. */
export async function deliverNotifications(db: Db = appDb, options: DeliveryOptions | null = deliveryOptions(), now = Date.now()): Promise<number> {
  if (!options) return 0;
  const at = new Date(now);
  const unclaimed = { OR: [{ claimedUntil: null }, { claimedUntil: { lt: at } }] };
  const due = await db.alertNotification.findMany({ where: { status: 'pending', nextAttemptAt: { lte: at }, ...unclaimed }, orderBy: { id: 'asc' }, take: BATCH });
  let attempted = 0;
  for (const n of due) {
    if (n.kind === 'resolved' && (await db.alertNotification.count({ where: { incidentId: n.incidentId, kind: 'firing', status: 'pending' } }))) continue;
    const { count } = await db.alertNotification.updateMany({ where: { id: n.id, status: 'pending', ...unclaimed }, data: { claimedUntil: new Date(now + options.claimMs) } });
    if (count !== 1) continue;
    attempted += 1;
    const attempts = n.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const body = await buildBody(db, n.incidentId, n.kind as NotificationKind, options, now);
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'jwt-pizza-alerts' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
      if (!response.ok) error = `HTTP ${status}`;
    } catch (e) {
      error = failureReason(e);
    }
    const done = new Date();
    if (error === null) {
      await db.alertNotification.update({ where: { id: n.id }, data: { status: 'delivered', attempts, lastStatus: status, lastError: null, deliveredAt: done, claimedUntil: null } });
      log.info('alert notification delivered', { incidentId: n.incidentId, kind: n.kind, attempts });
      continue;
    }
    const giveUp = attempts >= options.maxAttempts;
    await db.alertNotification.update({
      where: { id: n.id },
      data: {
        status: giveUp ? 'failed' : 'pending',
        attempts,
        lastStatus: status,
        lastError: error,
        nextAttemptAt: giveUp ? done : new Date(done.getTime() + backoffMs(attempts, options.backoffMs)),
        claimedUntil: null,
      },
    });
    log.warn(giveUp ? 'alert notification given up' : 'alert notification failed; will retry', { incidentId: n.incidentId, kind: n.kind, attempts, error });
  }
  return attempted;
}
