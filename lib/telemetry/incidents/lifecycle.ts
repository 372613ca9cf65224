import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import type { RecordedEvent } from '../alerts/engine';
import type { AlertRule, Snapshot } from '../alerts/rules';
import type { AlertState } from '../alerts/state';
import { causeAndVersion, firstBadMeasurement, gatherEvidence, type FirstBadSource } from './evidence';
import { versionHref } from './read';
import type { TimelineEntryType } from './types';

/**
 * The incident lifecycle, run by the alert engine's lease holder right after each evaluation
 * (so there is one writer):
 * - a critical rule firing opens an incident, or joins the open one;
 * - the incident is mitigated by the first undo of the factory configuration (rollback,
 *   experiment end or revert) after the first bad measurement; without one, it is mitigated
 *   when a critical condition last held, which is known once it resolves;
 * - it is resolved once none of its rules is firing (their keep-firing periods have passed).
 * Opening and resolving each queue one webhook notification (grouped: never one per evaluation).
 * Opening and joining are decided from the rules' states, not only from this evaluation's
 * transitions, so a failed run is caught up by the next one.
 */

export interface EvaluationOutcome {
  now: number;
  rules: AlertRule[];
  events: RecordedEvent[];
  /** Each rule's state after the evaluation. */
  states: Map<string, AlertState>;
  snapshot: Snapshot;
}

export interface IncidentOptions {
  sloMs: number;
  /** Heartbeats older than this are ignored (instances that may be gone). */
  freshMs: number;
  causeWindowMs: number;
  /** Whether a webhook is configured: without one, notifications are recorded as skipped. */
  notify: boolean;
}

export function incidentOptions(): IncidentOptions {
  const e = env();
  return {
    sloMs: e.telemetry.factoryLatencySloMs,
    freshMs: Math.max(5_000, 3 * e.telemetry.heartbeatMs),
    causeWindowMs: e.incidents.causeWindowMs,
    notify: e.incidents.webhookUrl !== undefined,
  };
}

/** How far back the bucket evidence looks: the critical latency rule's window. */
const DEFAULT_LOOKBACK_MS = 30_000;

function formatValue(rule: AlertRule, value: number): string {
  if (rule.kind === 'latency_critical' || rule.kind === 'smoke_test') return `${Math.round(value)} ms`;
  if (rule.kind === 'burn_rate') return `burn rate ${value.toFixed(1)}×`;
  return String(value);
}

const describe = (rule: AlertRule, verb: string, value: number | null, detail: string | null) =>
  `${rule.name} ${verb}${detail ? `: ${detail}` : value !== null ? ` (${formatValue(rule, value)})` : ''}`;

/** "Factory latency critical · likely cause: factory configuration v5" */
const titleOf = (alerts: string, causeVersion?: number) => (causeVersion === undefined ? alerts : `${alerts} · likely cause: factory configuration v${causeVersion}`);

interface NewEvent {
  at: Date;
  type: TimelineEntryType;
  title: string;
  detail?: string | null;
}

const notification = (kind: 'firing' | 'resolved', notify: boolean, now: number) => ({
  kind,
  status: notify ? 'pending' : 'skipped',
  nextAttemptAt: new Date(now),
});

export async function processIncidents(db: Db = appDb, o: EvaluationOutcome, options: Partial<IncidentOptions> = {}): Promise<void> {
  const c = { ...incidentOptions(), ...options };
  const rules = new Map(o.rules.map((r) => [r.id, r]));
  const critical = o.rules.filter((r) => r.severity === 'critical');
  const isCritical = (id: string) => rules.get(id)?.severity === 'critical';
  const firing = critical.filter((r) => o.states.get(r.id)?.state === 'firing').map((r) => r.id);
  const open = await db.incident.findFirst({ where: { status: 'open' }, orderBy: { id: 'desc' } });

  if (!open) {
    if (firing.length) await openIncident(db, o, c, firing);
    return;
  }

  const ruleIds: string[] = JSON.parse(open.ruleIds);
  const events: NewEvent[] = [];
  const at = new Date(o.now);
  for (const e of o.events) {
    const rule = rules.get(e.ruleId);
    if (!rule) continue;
    if (isCritical(e.ruleId) && e.to === 'firing' && e.from !== 'firing') {
      const joins = !ruleIds.includes(e.ruleId);
      if (joins) ruleIds.push(e.ruleId);
      events.push({ at, type: 'alert_firing', title: describe(rule, joins ? 'fired (joined the incident)' : 'fired again', e.value, e.detail) });
    }
    if (ruleIds.includes(e.ruleId) && e.to === 'resolved') events.push({ at, type: 'alert_resolved', title: `${rule.name} resolved` });
  }
  for (const id of firing.filter((f) => !ruleIds.includes(f))) {
    ruleIds.push(id);
    const state = o.states.get(id)!;
    events.push({ at: new Date(state.since), type: 'alert_firing', title: describe(rules.get(id)!, 'fired (joined the incident)', state.value, null) });
  }

  // The factory's announcement may arrive after the alert fired: look for the cause until found.
  let cause: { likelyCauseId: number; configVersion: number; title: string } | null = null;
  if (open.likelyCauseId === null) {
    const first = await db.incidentEvent.findFirst({ where: { incidentId: open.id, type: 'first_bad_measurement' }, select: { detail: true } });
    const { source, changeId } = first?.detail ? (JSON.parse(first.detail) as { source?: FirstBadSource; changeId?: number }) : {};
    const found = await causeAndVersion(db, { at: open.firstBadAt.getTime(), source: source ?? 'detection', title: '', changeId }, c.causeWindowMs, open.detectedAt.getTime());
    if (found.cause) cause = { likelyCauseId: found.cause.id, configVersion: found.configVersion ?? found.cause.version, title: titleOf(open.title, found.cause.version) };
  }

  const resolved = ruleIds.every((id) => o.states.get(id)?.state !== 'firing');
  let mitigatedAt = open.mitigatedAt;
  if (!mitigatedAt) {
    const undo = await db.configChangeEvent.findFirst({
      where: { appliedAt: { gt: open.firstBadAt, lte: at }, OR: [{ kind: { in: ['rollback', 'revert'] } }, { type: 'experiment.ended' }] },
      orderBy: [{ appliedAt: 'asc' }, { id: 'asc' }],
    });
    if (undo) {
      mitigatedAt = undo.appliedAt;
      events.push({ at: undo.appliedAt, type: 'mitigated', title: `Mitigated: factory configuration v${undo.version} (${undo.kind}) undid the change`, detail: JSON.stringify({ href: versionHref(undo.version) }) });
    } else if (resolved) {
      // Conditions flap while a call hangs (between its timeout and the next flush), so the
      // mitigation is only known once the incident resolves: when a critical condition last held.
      const lastActive = Math.max(open.detectedAt.getTime(), ...ruleIds.map((id) => o.states.get(id)?.lastActiveAt ?? 0));
      mitigatedAt = new Date(lastActive);
      events.push({ at: mitigatedAt, type: 'mitigated', title: 'Mitigated: no critical condition held after this' });
    }
  }

  if (resolved) events.push({ at, type: 'resolved', title: 'Resolved: none of the incident’s alerts is firing any more' });
  if (!events.length && !cause) return;

  await db.$transaction([
    db.incident.update({
      where: { id: open.id },
      data: { ruleIds: JSON.stringify(ruleIds), mitigatedAt, ...cause, ...(resolved ? { status: 'resolved', resolvedAt: at } : {}) },
    }),
    db.incidentEvent.createMany({ data: events.map((e) => ({ incidentId: open.id, at: e.at, type: e.type, title: e.title, detail: e.detail ?? null })) }),
    ...(resolved
      ? [
          db.alertNotification.upsert({
            where: { incidentId_kind: { incidentId: open.id, kind: 'resolved' } },
            create: { incidentId: open.id, ...notification('resolved', c.notify, o.now) },
            update: {},
          }),
        ]
      : []),
  ]);
}

async function openIncident(db: Db, o: EvaluationOutcome, c: IncidentOptions, firing: string[]): Promise<void> {
  const rules = firing.map((id) => o.rules.find((r) => r.id === id)!);
  const detectedAt = Math.min(...firing.map((id) => o.states.get(id)!.since));
  const lookbackMs = Math.max(DEFAULT_LOOKBACK_MS, ...rules.map((r) => (r.kind === 'latency_critical' ? r.windowMs : 0)));
  const evidence = await gatherEvidence(db, o.snapshot, c.sloMs, lookbackMs, c.freshMs);
  const estimate = firstBadMeasurement(evidence);
  const firstBad = { ...estimate, at: Math.min(estimate.at, detectedAt) };
  const { cause, configVersion } = await causeAndVersion(db, firstBad, c.causeWindowMs, detectedAt);
  const eventOf = new Map(o.events.map((e) => [e.ruleId, e]));
  const events: NewEvent[] = [
    { at: new Date(firstBad.at), type: 'first_bad_measurement', title: firstBad.title, detail: JSON.stringify({ source: firstBad.source, changeId: firstBad.changeId }) },
    ...rules.map((rule) => {
      const state = o.states.get(rule.id)!;
      const event = eventOf.get(rule.id);
      return { at: new Date(state.since), type: 'alert_firing' as const, title: describe(rule, 'fired', state.value, event?.detail ?? null) };
    }),
  ];
  await db.incident.create({
    data: {
      title: titleOf(rules.map((r) => r.name).join(' + '), cause?.version),
      severity: 'critical',
      firstBadAt: new Date(firstBad.at),
      detectedAt: new Date(detectedAt),
      likelyCauseId: cause?.id ?? null,
      configVersion,
      ruleIds: JSON.stringify(firing),
      events: { create: events.map((e) => ({ at: e.at, type: e.type, title: e.title, detail: e.detail ?? null })) },
      notifications: { create: [notification('firing', c.notify, o.now)] },
    },
  });
}

/** Acknowledges an incident; the first acknowledgement wins, later ones change nothing. Returns whether this one counted. */
export async function recordAcknowledgement(id: number, by: string, db: Db = appDb, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.incident.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedBy: by } });
    if (count === 1) await tx.incidentEvent.create({ data: { incidentId: id, at: now, type: 'acknowledged', title: `Acknowledged by ${by}` } });
    return count === 1;
  });
}
