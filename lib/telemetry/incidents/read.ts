import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { isUndo, type ChangeRow } from './evidence';
import { incidentHref, versionHref } from './links';
import type { IncidentDetail, IncidentImpact, IncidentStatus, IncidentSummary, LikelyCause, TimelineEntry, TimelineEntryType } from './types';

/** The incident API's and pages' read side: summaries, the detail with its merged timeline and impact. */

type Diff = LikelyCause['diff'];

export interface IncidentRow {
  id: number;
  status: string;
  title: string;
  severity: string;
  firstBadAt: Date;
  detectedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  likelyCauseId: number | null;
  configVersion: number | null;
  ruleIds: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const since = (to: Date | null, from: Date) => (to ? to.getTime() - from.getTime() : null);

export { incidentHref, versionHref };

export function toLikelyCause(change: ChangeRow, firstBadAt: Date): LikelyCause {
  return {
    changeId: change.id,
    version: change.version,
    type: change.type,
    kind: change.kind,
    author: change.author,
    reason: change.reason,
    appliedAt: change.appliedAt.toISOString(),
    diff: JSON.parse(change.diff) as Diff,
    leadMs: Math.max(0, firstBadAt.getTime() - change.appliedAt.getTime()),
    href: versionHref(change.version),
  };
}

export function toSummary(row: IncidentRow, cause: ChangeRow | null): IncidentSummary {
  return {
    id: row.id,
    status: row.status as IncidentStatus,
    title: row.title,
    severity: row.severity as IncidentSummary['severity'],
    firstBadAt: row.firstBadAt.toISOString(),
    detectedAt: row.detectedAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy,
    mitigatedAt: iso(row.mitigatedAt),
    resolvedAt: iso(row.resolvedAt),
    timeToDetectMs: row.detectedAt.getTime() - row.firstBadAt.getTime(),
    timeToAcknowledgeMs: since(row.acknowledgedAt, row.detectedAt),
    timeToMitigateMs: since(row.mitigatedAt, row.firstBadAt),
    configVersion: row.configVersion,
    ruleIds: JSON.parse(row.ruleIds) as string[],
    likelyCause: cause ? toLikelyCause(cause, row.firstBadAt) : null,
  };
}

async function summaries(db: Db, rows: IncidentRow[]): Promise<IncidentSummary[]> {
  const ids = rows.flatMap((r) => (r.likelyCauseId === null ? [] : [r.likelyCauseId]));
  const causes = new Map(ids.length ? (await db.configChangeEvent.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c]) : []);
  return rows.map((r) => toSummary(r, r.likelyCauseId === null ? null : (causes.get(r.likelyCauseId) ?? null)));
}

/** Incidents, newest first (at most `limit`), optionally of one status. */
export async function listIncidents(db: Db = appDb, options: { status?: IncidentStatus; limit?: number } = {}): Promise<IncidentSummary[]> {
  const rows = await db.incident.findMany({
    where: options.status ? { status: options.status } : {},
    orderBy: [{ detectedAt: 'desc' }, { id: 'desc' }],
    take: options.limit ?? 100,
  });
  return summaries(db, rows);
}

/** The open incident (for the admin banner), or null. */
export async function openIncidentSummary(db: Db = appDb): Promise<IncidentSummary | null> {
  const row = await db.incident.findFirst({ where: { status: 'open' }, orderBy: { id: 'desc' } });
  return row ? ((await summaries(db, [row]))[0] ?? null) : null;
}

export async function incidentSummary(id: number, db: Db = appDb): Promise<IncidentSummary> {
  const row = await db.incident.findUnique({ where: { id } });
  if (!row) throw notFound(`incident ${id}`);
  return (await summaries(db, [row]))[0]!;
}

// ---- Impact ----

export interface OrderSeen {
  dinerId: number | null;
  createdAt: Date;
  fulfilledAt: Date | null;
  status: string;
}

/**
 * Pure: an order is affected when it failed or waited longer than the SLO target (still
 * unmade: until now). Its wait counts towards the worst wait unless it failed (no end to measure).
 */
export function impactOf(orders: OrderSeen[], sloMs: number, now: number): IncidentImpact {
  const diners = new Set<number>();
  const affectedDiners = new Set<number>();
  let ordersAffected = 0;
  let worstWaitMs: number | null = null;
  for (const o of orders) {
    if (o.dinerId !== null) diners.add(o.dinerId);
    const failed = o.status === 'failed';
    const waitMs = (o.fulfilledAt?.getTime() ?? now) - o.createdAt.getTime();
    if (!failed) worstWaitMs = Math.max(worstWaitMs ?? 0, waitMs);
    if (failed || waitMs > sloMs) {
      ordersAffected += 1;
      if (o.dinerId !== null) affectedDiners.add(o.dinerId);
    }
  }
  return {
    ordersAffected,
    customersAffected: affectedDiners.size,
    customerShare: diners.size ? affectedDiners.size / diners.size : 0,
    worstWaitMs,
  };
}

/** The incident's window for impact: from the first bad measurement to mitigation (or resolution, or now). */
export const impactWindow = (row: IncidentRow, now: number) => ({ from: row.firstBadAt, to: row.mitigatedAt ?? row.resolvedAt ?? new Date(now) });

async function impact(db: Db, row: IncidentRow, now: number): Promise<IncidentImpact> {
  const { from, to } = impactWindow(row, now);
  const orders = await db.order.findMany({
    where: { createdAt: { gte: from, lte: to } },
    select: { dinerId: true, createdAt: true, fulfilledAt: true, status: true },
  });
  return impactOf(orders, env().telemetry.factoryLatencySloMs, now);
}

// ---- Timeline ----

const entry = (at: Date, type: TimelineEntryType, title: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({ at: at.toISOString(), type, title, ...extra });

function changeEntry(c: ChangeRow): TimelineEntry {
  const diff = JSON.parse(c.diff) as Diff;
  const what = diff.map((d) => `${d.path} ${JSON.stringify(d.from)} → ${JSON.stringify(d.to)}`).join(', ') || 'no field changed';
  const type = isUndo(c) ? 'rollback' : 'config_change';
  const label = type === 'rollback' ? `Factory configuration v${c.version} (${c.kind}${c.type === 'experiment.ended' ? ', experiment ended' : ''})` : `Factory configuration v${c.version} (${c.kind})`;
  return entry(c.appliedAt, type, `${label} by ${c.author}: ${what} — “${c.reason}”`, { href: versionHref(c.version), diff });
}

type SmokeTestRow = Awaited<ReturnType<Db['smokeTest']['findMany']>>[number];

/** When the verdict was known: a call still going at the SLO fails then, the others when they end. */
function smokeVerdictAt(t: SmokeTestRow): Date {
  if (t.status === 'failed' && t.failedStep === 'slo') return new Date(t.startedAt.getTime() + t.sloMs);
  return t.status === 'running' ? t.startedAt : (t.finishedAt ?? t.startedAt);
}

function smokeTestTitle(t: SmokeTestRow): string {
  const version = t.configVersion === null ? '' : ` after configuration v${t.configVersion}`;
  const took = t.durationMs === null ? '' : ` (the smoke order took ${Math.round(t.durationMs)} ms)`;
  const result =
    t.status === 'running' ? 'started, running' : t.status === 'passed' ? `passed in ${Math.round(t.durationMs ?? 0)} ms` : `failed${t.failedStep ? ` at ${t.failedStep}` : ''}${t.message ? `: ${t.message}` : ''}${took}`;
  const rollback = t.rollbackVersion !== null ? `; rolled back as v${t.rollbackVersion}` : t.rollbackError ? `; rollback failed: ${t.rollbackError}` : '';
  return `Smoke test${version} ${result}${rollback}`;
}

async function timeline(db: Db, row: IncidentRow, now: number): Promise<TimelineEntry[]> {
  const from = new Date(row.firstBadAt.getTime() - env().incidents.causeWindowMs);
  const to = row.resolvedAt ?? new Date(now);
  const [events, changes, smokeTests, notifications] = await Promise.all([
    db.incidentEvent.findMany({ where: { incidentId: row.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
    db.configChangeEvent.findMany({ where: { appliedAt: { gte: from, lte: to } }, orderBy: { appliedAt: 'asc' } }),
    db.smokeTest.findMany({ where: { startedAt: { gte: from, lte: to } }, orderBy: { startedAt: 'asc' } }),
    db.alertNotification.findMany({ where: { incidentId: row.id }, orderBy: { id: 'asc' } }),
  ]);
  const out: TimelineEntry[] = [
    ...events.map((e) => {
      const detail = e.detail ? (JSON.parse(e.detail) as { href?: string }) : {};
      return entry(e.at, e.type as TimelineEntryType, e.title, detail.href ? { href: detail.href } : {});
    }),
    ...changes.map(changeEntry),
    ...smokeTests.map((t) => entry(smokeVerdictAt(t), 'smoke_test', smokeTestTitle(t), t.configVersion === null ? {} : { href: versionHref(t.configVersion) })),
    ...notifications.flatMap((n) => {
      if (n.status === 'delivered' && n.deliveredAt) return [entry(n.deliveredAt, 'notification', `Webhook notified: incident ${n.kind} (HTTP ${n.lastStatus})`)];
      if (n.status === 'failed') return [entry(n.nextAttemptAt, 'notification', `Webhook notification (${n.kind}) given up after ${n.attempts} attempts: ${n.lastError ?? `HTTP ${n.lastStatus}`}`)];
      if (n.status === 'skipped') return [entry(n.createdAt, 'notification', `Webhook notification (${n.kind}) not sent: no ALERT_WEBHOOK_URL configured`)];
      return [];
    }),
  ];
  // Stable: entries at the same instant keep the order above (recorded events first).
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export async function incidentDetail(id: number, db: Db = appDb, now = Date.now()): Promise<IncidentDetail> {
  const row = await db.incident.findUnique({ where: { id } });
  if (!row) throw notFound(`incident ${id}`);
  const [[summary], impact_, timeline_] = await Promise.all([summaries(db, [row]), impact(db, row, now), timeline(db, row, now)]);
  return { ...summary!, impact: impact_, timeline: timeline_ };
}
