import 'server-only';
import { db as appDb, Prisma, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import type { Resolution } from '../aggregate';
import { recentInstances } from '../heartbeat';
import { thisInstance } from '../instance';
import { isFailure } from '../labels';
import { takeLease } from '../lease';
import { readBuckets } from '../persist';
import { log } from '@/lib/log';
import { processIncidents } from '../incidents/lifecycle';
import { every } from '../schedule';
import { countAbove, decodeSketch } from '../sketch';
import { loadRules } from './catalog';
import { evaluate, windowsNeeded, type AlertRule, type ConfigChangeSeen, type SmokeTestSeen, type Snapshot, type WindowStats } from './rules';
import { initialState, step, type AlertState, type AlertStateName } from './state';

/**
 * The alert engine: every few seconds one instance (the holder of the "alerts" lease) reads
 * a snapshot of the recorded telemetry, evaluates every rule, and writes each rule's state and
 * the transitions. The rules and the state machine are pure (rules.ts, state.ts).
 */

const LEASE = 'alerts';
const HOUR = 3_600_000;
/** The factory calls the SLO is about: pizza creations. */
const ORDER_SERIES = { series: '/api/order', method: 'POST' };

export interface AlertsConfig {
  sloTargetMs: number;
  budgetMs: number;
  probeIntervalMs: number;
  /** Heartbeats older than this are from instances that may be gone. */
  freshMs: number;
  leaseTtlMs: number;
}

export function alertsConfig(): AlertsConfig {
  const e = env();
  const t = e.telemetry;
  return {
    sloTargetMs: t.factoryLatencySloMs,
    budgetMs: e.factoryTimeoutMs,
    probeIntervalMs: t.enabled ? t.probeIntervalMs : 0,
    freshMs: Math.max(5_000, 3 * t.heartbeatMs),
    leaseTtlMs: Math.max(5_000, 3 * t.alertEvalIntervalMs),
  };
}

/** The rules in force: the defaults with admins' edits (catalog.ts). */
export const currentRules = (db: Db = appDb, config: AlertsConfig = alertsConfig()): Promise<AlertRule[]> => loadRules(config, db);

// ---- Reading the snapshot ----

/** One stored bucket as the windows count it. */
interface BucketPart {
  start: number;
  /** A pizza creation (the SLO's calls), not another factory call (keys, verification). */
  order: boolean;
  count: number;
  errors: number;
  timeouts: number;
  maxMs: number;
  slow: number;
  updatedAt: number;
}

/** The parts read so far for one database and resolution, kept between evaluations. */
interface PartsCache {
  slowAboveMs: number;
  /** The earliest bucket start the cache covers. */
  from: number;
  parts: Map<string, BucketPart>;
  /** The newest `updatedAt` read. */
  seenUpTo: number;
  /** When it was last read whole (this process's clock). */
  readWholeAt: number;
}

interface PartsRead {
  parts: BucketPart[];
  /** A row was new or rewritten since the last read. */
  changed: boolean;
  seenUpTo: number;
}

/**
 * Rows written up to this long before the newest one already read are read again: instances'
 * clocks (which stamp `updatedAt`) may differ by that much without a row being missed.
 */
const CLOCK_SKEW_MARGIN_MS = 60_000;
/** And everything is read whole this often, whatever happened. */
const READ_WHOLE_EVERY_MS = 5 * 60_000;
const partsCaches = new WeakMap<Db, Map<Resolution, PartsCache>>();

const isOrder = (r: { series: string; method: string }) => r.series === ORDER_SERIES.series && r.method === ORDER_SERIES.method;

/**
 * The factory buckets of one resolution from `from` on, as parts. The windows reach back 6 h, up
 * to 720 rows per label set and instance; rather than reading and decoding all of them every
 * evaluation, only the rows written since the last read are read (flushes rewrite the current
 * buckets, so a few dozen), and only those rewritten since are decoded.
 *
 * A flush writes every resolution of a call's buckets with one `updatedAt`. So when the `finer`
 * resolution's read found nothing new, and nothing newer than this cache has seen, there is
 * nothing new here either, and the read is skipped.
 */
async function bucketParts(db: Db, resolution: Resolution, from: number, now: number, slowAboveMs: number, finer?: PartsRead): Promise<PartsRead> {
  const caches = partsCaches.get(db) ?? new Map<Resolution, PartsCache>();
  partsCaches.set(db, caches);
  let cache = caches.get(resolution);
  const whole = !cache || cache.slowAboveMs !== slowAboveMs || from < cache.from || Date.now() - cache.readWholeAt > READ_WHOLE_EVERY_MS;
  if (!cache || whole) {
    cache = { slowAboveMs, from, parts: new Map(), seenUpTo: 0, readWholeAt: Date.now() };
    caches.set(resolution, cache);
  }
  const nothingNew = !whole && finer !== undefined && !finer.changed && finer.seenUpTo <= cache.seenUpTo;
  const rows = nothingNew
    ? []
    : await readBuckets(db, {
        resolution,
        from: new Date(from),
        to: new Date(now + 1),
        kinds: ['factory'],
        ...(whole ? {} : { updatedSince: new Date(cache.seenUpTo - CLOCK_SKEW_MARGIN_MS) }),
      });
  let changed = whole;
  for (const r of rows) {
    const key = `${r.bucketStart.getTime()}|${r.series}|${r.method}|${r.status}|${r.origin}|${r.instanceId}`;
    const updatedAt = r.updatedAt.getTime();
    if (cache.parts.get(key)?.updatedAt === updatedAt) continue;
    changed = true;
    cache.parts.set(key, {
      start: r.bucketStart.getTime(),
      order: isOrder(r),
      count: r.count,
      errors: isFailure(r.kind, r.status) ? r.count : 0,
      timeouts: r.timeouts,
      maxMs: r.maxMs,
      slow: isOrder(r) ? countAbove(decodeSketch(r.sketch), slowAboveMs) : 0,
      updatedAt,
    });
    cache.seenUpTo = Math.max(cache.seenUpTo, updatedAt);
  }
  for (const [key, part] of cache.parts) if (part.start < from) cache.parts.delete(key);
  cache.from = from;
  return { parts: [...cache.parts.values()].filter((p) => p.start <= now), changed, seenUpTo: cache.seenUpTo };
}

function windowStats(parts: BucketPart[], from: number): WindowStats {
  const stats: WindowStats = { count: 0, slow: 0, errors: 0, timeouts: 0, maxMs: null };
  for (const p of parts) {
    if (!p.order || p.start < from) continue;
    stats.count += p.count;
    stats.slow += p.slow;
    stats.errors += p.errors;
    stats.timeouts += p.timeouts;
    stats.maxMs = Math.max(stats.maxMs ?? 0, p.maxMs);
  }
  return stats;
}

/** What the stored factory buckets tell the rules. */
interface FactoryReadings {
  /** Order stats per window. */
  windows: Map<number, WindowStats>;
  /** When the newest factory measurement of the last hour was written. */
  lastMeasurementAt: number | null;
}

/** The 10 s buckets of the last hour, for the windows up to 1 h and the last measurement; the 1 min buckets for longer windows. */
async function factoryReadings(db: Db, windows: number[], now: number, slowAboveMs: number): Promise<FactoryReadings> {
  const fine = await bucketParts(db, 10, now - HOUR, now, slowAboveMs);
  const long = windows.filter((w) => w > HOUR);
  const coarse = long.length ? await bucketParts(db, 60, now - Math.max(...long), now, slowAboveMs, fine) : null;
  const out = new Map<number, WindowStats>();
  for (const w of windows) out.set(w, windowStats(w > HOUR ? coarse!.parts : fine.parts, now - w));
  let newest: number | null = null;
  for (const p of fine.parts) if (newest === null || p.updatedAt > newest) newest = p.updatedAt;
  return { windows: out, lastMeasurementAt: newest };
}

/** Announcements after the cursor; without one, those received within `sinceMs`. */
async function configChangesAfter(db: Db, cursor: number | null, now: number, sinceMs: number): Promise<{ changes: ConfigChangeSeen[]; cursor: number }> {
  const rows = await db.configChangeEvent.findMany({
    where: cursor !== null ? { id: { gt: cursor } } : { receivedAt: { gte: new Date(now - sinceMs) } },
    orderBy: { id: 'asc' },
    take: 100,
  });
  const changes = rows.map((r) => ({ id: r.id, version: r.version, type: r.type, author: r.author, reason: r.reason, appliedAt: r.appliedAt.getTime() }));
  let next = changes.at(-1)?.id ?? cursor;
  if (next === null) next = (await db.configChangeEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
  return { changes, cursor: next };
}

async function smokeTestsWithin(db: Db, rules: AlertRule[], now: number): Promise<SmokeTestSeen[]> {
  const windowMs = Math.max(0, ...rules.map((r) => (r.kind === 'smoke_test' ? r.windowMs : 0)));
  if (!windowMs) return [];
  const rows = await db.smokeTest.findMany({ where: { startedAt: { gte: new Date(now - windowMs) } }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: 50 });
  return rows.map((r) => ({
    id: r.id,
    changeId: r.changeId,
    configVersion: r.configVersion,
    startedAt: r.startedAt.getTime(),
    status: r.status as SmokeTestSeen['status'],
    durationMs: r.durationMs,
    failedStep: r.failedStep,
    message: r.message,
  }));
}

export async function gatherSnapshot(
  db: Db,
  rules: AlertRule[],
  config: AlertsConfig,
  now: number,
  expectedSince: number,
  configCursor: number | null,
  smokeSeenUpTo: number | null = null,
): Promise<{ snapshot: Snapshot; configCursor: number }> {
  const slowAboveMs = rules.find((r) => r.kind === 'burn_rate')?.targetMs ?? config.sloTargetMs;
  const configRule = rules.find((r) => r.kind === 'config_change');
  const [factory, instances, config_, smokeTests] = await Promise.all([
    factoryReadings(db, windowsNeeded(rules), now, slowAboveMs),
    recentInstances(db, now, config.freshMs, config.freshMs),
    configChangesAfter(db, configCursor, now, configRule?.keepFiringForMs ?? 0),
    smokeTestsWithin(db, rules, now),
  ]);
  const live = instances.filter((i) => !i.stale);
  const ages = live.map((i) => i.factoryOldestAgeMs).filter((a): a is number => a !== null);
  return {
    snapshot: {
      now,
      budgetMs: config.budgetMs,
      windows: factory.windows,
      slowAboveMs,
      inFlightOldestMs: ages.length ? Math.max(...ages) : null,
      probes: live.flatMap((i) => (i.probe ? [{ at: Date.parse(i.probe.at), durationMs: i.probe.durationMs, status: i.probe.status }] : [])),
      breakers: live.map((i) => ({ instanceId: i.id, state: i.breaker.state })),
      lastMeasurementAt: factory.lastMeasurementAt,
      expectedSince,
      probeExpected: config.probeIntervalMs > 0,
      configChanges: config_.changes,
      smokeTests,
      smokeSeenUpTo,
    },
    configCursor: config_.cursor,
  };
}

// ---- One evaluation ----

export interface RecordedEvent {
  ruleId: string;
  at: number;
  from: AlertStateName;
  to: AlertStateName;
  value: number | null;
  detail: string | null;
}

export interface EvaluateOptions {
  /** Who evaluates (the lease holder); this instance by default. */
  holder?: string;
  now?: number;
  rules?: AlertRule[];
  config?: AlertsConfig;
  /** When measurements could first be expected; this process's start by default. */
  expectedSince?: number;
}

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));
const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

type StoredState = { state: string; since: Date; activeAt: Date | null; lastActiveAt: Date | null; cursor: number | null };
const stateChanged = (row: StoredState, next: StoredState) =>
  row.state !== next.state ||
  !sameTime(row.since, next.since) ||
  !sameTime(row.activeAt, next.activeAt) ||
  !sameTime(row.lastActiveAt, next.lastActiveAt) ||
  row.cursor !== next.cursor;

/**
 * One statement marks the rules evaluated and writes the values that moved without a change of
 * state (the no-data rule's age moves every evaluation). Raw, the same SQL on SQLite and
 * PostgreSQL: through the client it took an upsert per value and an updateMany.
 */
function markEvaluated(db: Db, ruleIds: string[], values: Map<string, number | null>, now: number) {
  const setValue = values.size
    ? Prisma.sql`, "value" = CASE "ruleId" ${Prisma.join(
        [...values].map(([id, value]) => Prisma.sql`WHEN ${id} THEN CAST(${value} AS DOUBLE PRECISION)`),
        ' ',
      )} ELSE "value" END`
    : Prisma.empty;
  return db.$executeRaw`UPDATE "AlertRuleState" SET "evaluatedAt" = ${new Date(now)}${setValue} WHERE "ruleId" IN (${Prisma.join(ruleIds)})`;
}

/** Evaluates every rule once if this holder gets the lease; returns the events recorded. */
export async function evaluateAlerts(db: Db = appDb, options: EvaluateOptions = {}): Promise<{ evaluated: boolean; events: RecordedEvent[] }> {
  const now = options.now ?? Date.now();
  const config = options.config ?? alertsConfig();
  // The lease first: the other instances, which do not evaluate, read nothing more.
  if (!(await takeLease(db, LEASE, options.holder ?? thisInstance().id, config.leaseTtlMs, new Date(now)))) return { evaluated: false, events: [] };
  const allRules = options.rules ?? (await currentRules(db, config));
  const rules = allRules.filter((r) => r.enabled);

  const rows = new Map((await db.alertRuleState.findMany()).map((r) => [r.ruleId, r]));
  const configRule = rules.find((r) => r.kind === 'config_change');
  const smokeRule = rules.find((r) => r.kind === 'smoke_test');
  const { snapshot, configCursor } = await gatherSnapshot(
    db,
    rules,
    config,
    now,
    options.expectedSince ?? thisInstance().startedAt.getTime(),
    configRule ? (rows.get(configRule.id)?.cursor ?? null) : null,
    smokeRule ? (rows.get(smokeRule.id)?.cursor ?? null) : null,
  );
  const smokeCursor = Math.max(snapshot.smokeSeenUpTo ?? 0, ...snapshot.smokeTests.filter((t) => t.status !== 'running').map((t) => t.id));

  const events: RecordedEvent[] = [];
  const states = new Map<string, AlertState>();
  const writes = [];
  const movedValues = new Map<string, number | null>();
  for (const rule of rules) {
    const row = rows.get(rule.id);
    const previous: AlertState = row
      ? { state: row.state as AlertStateName, since: row.since.getTime(), activeAt: row.activeAt?.getTime() ?? null, lastActiveAt: row.lastActiveAt?.getTime() ?? null, value: row.value }
      : initialState(now);
    const observed = evaluate(rule, snapshot);
    // An announcement's version stays the rule's value while it fires: later evaluations see no new one.
    const keepsVersion = rule.kind === 'config_change' && observed.value === null && previous.state === 'firing';
    const evaluation = keepsVersion ? { ...observed, value: previous.value } : observed;
    const { next, transition } = step(previous, evaluation, now, rule);
    states.set(rule.id, next);
    const notes = [...evaluation.notes];
    if (transition) {
      const detail = evaluation.detail ?? notes.shift() ?? null;
      events.push({ ruleId: rule.id, at: now, from: transition.from, to: transition.to, value: transition.value, detail });
      // A note the transition already says is not said twice.
      if (detail !== null && notes.includes(detail)) notes.splice(notes.indexOf(detail), 1);
    }
    for (const detail of notes) events.push({ ruleId: rule.id, at: now, from: next.state, to: next.state, value: next.value, detail });
    const data = {
      state: next.state,
      since: new Date(next.since),
      activeAt: toDate(next.activeAt),
      lastActiveAt: toDate(next.lastActiveAt),
      value: next.value,
      cursor: rule.kind === 'config_change' ? configCursor : rule.kind === 'smoke_test' ? smokeCursor : null,
      evaluatedAt: new Date(now),
    };
    if (!row || stateChanged(row, data)) writes.push(db.alertRuleState.upsert({ where: { ruleId: rule.id }, create: { ruleId: rule.id, ...data }, update: data }));
    else if (row.value !== data.value) movedValues.set(rule.id, data.value);
  }
  // Most evaluations change no state: one statement then marks every rule evaluated.
  if (rules.length) writes.push(markEvaluated(db, rules.map((r) => r.id), movedValues, now));
  // A disabled rule stops where it is: back to normal, so it neither shows nor keeps an incident open.
  for (const rule of allRules.filter((r) => !r.enabled)) {
    const row = rows.get(rule.id);
    if (!row || row.state === 'normal') continue;
    events.push({ ruleId: rule.id, at: now, from: row.state as AlertStateName, to: 'normal', value: null, detail: 'rule disabled' });
    const data = { state: 'normal', since: new Date(now), activeAt: null, lastActiveAt: null, value: null, evaluatedAt: new Date(now) };
    writes.push(db.alertRuleState.update({ where: { ruleId: rule.id }, data }));
  }
  if (events.length) {
    writes.push(
      db.alertEvent.createMany({
        data: events.map((e) => ({ ruleId: e.ruleId, at: new Date(e.at), fromState: e.from, toState: e.to, value: e.value, detail: e.detail })),
      }),
    );
  }
  // Transitions and their events are written together. Without events, each write (a rule's
  // value, the evaluation time) stands alone: no BEGIN and COMMIT every evaluation.
  if (events.length) await db.$transaction(writes);
  else await Promise.all(writes);
  // Incidents follow the critical rules (the lease makes this the single writer); a failure is caught up next time.
  await processIncidents(db, { now, rules, events, states, snapshot }, { sloMs: config.sloTargetMs, freshMs: config.freshMs }).catch((err: unknown) =>
    log.error('incident processing failed', { err }),
  );
  return { evaluated: true, events };
}

/** Starts the periodic evaluation (from the telemetry start-up). */
export function startAlerts(intervalMs: number): void {
  every('alerts', intervalMs, () => evaluateAlerts());
}
