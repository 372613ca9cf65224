import 'server-only';
import type { Db } from '@/lib/db';
import type { Snapshot } from '../alerts/rules';
import { isFailure } from '../labels';
import { countAbove, decodeSketch } from '../sketch';

/**
 * What an incident is built from when it opens: the first bad measurement, the factory
 * configuration in force then, and the likely cause.
 *
 * The first bad measurement is the earliest START of a call seen to be bad, among:
 * - a factory call still in flight for longer than the SLO target (its start, from the heartbeats);
 * - a failed post-change smoke test, or one still running past the SLO target (its startedAt);
 * - an instance's last probe that was slower than the SLO target or failed (its start);
 * - the start of the latest unbroken run of 10 s buckets (within `lookbackMs`) holding factory
 *   calls over the SLO target or failures; up to 10 s early (the bucket's granularity), so it
 *   counts only when it ends before the earliest of the precise starts above.
 * Without any, it is the detection time. Evidence from before `since` (the previous incident's
 * resolution) belongs to that incident and is ignored.
 */

export type FirstBadSource = 'in_flight' | 'smoke_test' | 'probe' | 'bucket' | 'detection';

export interface FirstBad {
  at: number;
  source: FirstBadSource;
  /** One line for the timeline. */
  title: string;
  /** A failed smoke test's: the configuration change it tested. */
  changeId?: number;
}

export interface Evidence {
  now: number;
  sloMs: number;
  /** Epoch ms from which evidence counts: when the previous incident was resolved (else -Infinity). */
  since: number;
  /** Starts of factory calls in flight on live instances. */
  inFlightStarts: number[];
  smokeTests: Snapshot['smokeTests'];
  probes: Snapshot['probes'];
  /** Starts of 10 s buckets holding bad factory calls. */
  badBucketStarts: number[];
}

/** The bucket granularity: a bucket-based estimate may be this much early. */
export const BUCKET_MS = 10_000;

/** Pure: the earliest bad start among the evidence. */
export function firstBadMeasurement(e: Evidence): FirstBad {
  const found: FirstBad[] = [];
  for (const start of e.inFlightStarts) {
    if (e.now - start > e.sloMs) found.push({ at: start, source: 'in_flight', title: `A factory call started and was still in flight after ${Math.round(e.now - start)} ms` });
  }
  for (const t of e.smokeTests) {
    const late = t.status === 'running' && e.now - t.startedAt > e.sloMs;
    if (t.status === 'failed' || late) {
      const version = t.configVersion === null ? '' : ` after configuration v${t.configVersion}`;
      const title = `Smoke test${version} started and ${t.status === 'failed' ? `failed${t.failedStep ? ` at ${t.failedStep}` : ''}` : 'overran the SLO'}`;
      found.push({ at: t.startedAt, source: 'smoke_test', title, ...(t.changeId === null ? {} : { changeId: t.changeId }) });
    }
  }
  for (const p of e.probes) {
    const bad = (p.durationMs !== null && p.durationMs > e.sloMs) || (p.status !== null && p.status !== 'ok');
    if (bad) found.push({ at: p.at, source: 'probe', title: `A probe call started and ${p.status === 'ok' ? `took ${Math.round(p.durationMs ?? 0)} ms` : `ended: ${p.status}`}` });
  }
  const precise = found.filter((f) => f.at <= e.now && f.at >= e.since).sort((a, b) => a.at - b.at)[0];
  const run = e.badBucketStarts.filter((start) => start >= e.since && (!precise || start + BUCKET_MS <= precise.at));
  if (run.length) return { at: Math.min(...run), source: 'bucket', title: 'Factory calls over the SLO target recorded (10 s bucket)' };
  return precise ?? { at: e.now, source: 'detection', title: 'First bad measurement (none earlier than the alert)' };
}

/** Reads the evidence the snapshot does not hold: in-flight starts and bad buckets. */
export async function gatherEvidence(db: Db, snapshot: Snapshot, sloMs: number, lookbackMs: number, freshMs: number): Promise<Evidence> {
  const now = snapshot.now;
  const [previous, instances, buckets] = await Promise.all([
    db.incident.findFirst({ where: { status: 'resolved' }, orderBy: { resolvedAt: 'desc' }, select: { resolvedAt: true } }),
    db.telemetryInstance.findMany({
      where: { seenAt: { gte: new Date(now - freshMs) }, factoryOldestStartedAt: { not: null } },
      select: { factoryOldestStartedAt: true },
    }),
    db.latencyBucket.findMany({
      where: { resolution: 10, kind: 'factory', bucketStart: { gte: new Date(now - lookbackMs), lte: new Date(now) } },
      select: { bucketStart: true, kind: true, status: true, timeouts: true, sketch: true },
      orderBy: { bucketStart: 'asc' },
    }),
  ]);
  return {
    now,
    sloMs,
    since: previous?.resolvedAt?.getTime() ?? -Infinity,
    inFlightStarts: instances.flatMap((i) => (i.factoryOldestStartedAt ? [i.factoryOldestStartedAt.getTime()] : [])),
    smokeTests: snapshot.smokeTests,
    probes: snapshot.probes.filter((p) => p.at >= now - lookbackMs),
    badBucketStarts: latestBadRun(buckets, sloMs),
  };
}

/** The starts of the latest unbroken run of bad 10 s buckets (a good or missing bucket breaks it). */
function latestBadRun(rows: { bucketStart: Date; kind: string; status: string; timeouts: number; sketch: string }[], sloMs: number): number[] {
  const bad = new Map<number, boolean>();
  for (const r of rows) {
    const start = r.bucketStart.getTime();
    const isBad = r.timeouts > 0 || isFailure(r.kind, r.status) || countAbove(decodeSketch(r.sketch), sloMs) > 0;
    bad.set(start, (bad.get(start) ?? false) || isBad);
  }
  const last = Math.max(-Infinity, ...[...bad].filter(([, b]) => b).map(([start]) => start));
  const run: number[] = [];
  for (let start = last; bad.get(start) === true; start -= BUCKET_MS) run.push(start);
  return run.reverse();
}

// ---- The factory configuration around the first bad measurement ----

export interface ChangeRow {
  id: number;
  version: number;
  type: string;
  kind: string;
  author: string;
  reason: string;
  diff: string;
  appliedAt: Date;
}

/** Changes that undo something: a rollback, an experiment's revert or end. Never a likely cause; they mitigate. */
export const isUndo = (c: Pick<ChangeRow, 'kind' | 'type'>) => c.kind === 'rollback' || c.kind === 'revert' || c.type === 'experiment.ended';

/**
 * Pure: when the first bad measurement is a failed smoke test, the likely cause is the change it
 * tested, whatever its kind (a rollback to a bad version too). Otherwise it is the latest change
 * that is not an undo, applied from `windowMs` before the first bad measurement up to the
 * detection (a change between the two still precedes what the alert saw; a bucket estimate may
 * also be up to 10 s early), and not followed by an undo before the first bad measurement (an
 * undone change is no longer in force).
 */
export function pickLikelyCause<C extends ChangeRow>(changes: C[], firstBad: FirstBad, windowMs: number, detectedAt = firstBad.at): C | null {
  const tested = firstBad.changeId === undefined ? undefined : changes.find((c) => c.id === firstBad.changeId);
  if (tested) return tested;
  const latest = Math.max(detectedAt, firstBad.at + (firstBad.source === 'bucket' ? BUCKET_MS : 0));
  const at = (c: C) => c.appliedAt.getTime();
  const lastUndo = Math.max(-Infinity, ...changes.filter((c) => isUndo(c) && at(c) <= firstBad.at).map(at));
  const candidates = changes.filter((c) => !isUndo(c) && c.kind !== 'initial' && at(c) >= firstBad.at - windowMs && at(c) <= latest && at(c) > lastUndo);
  return candidates.sort((a, b) => at(b) - at(a) || b.id - a.id)[0] ?? null;
}

/** The likely cause and the configuration version in force at the first bad measurement. */
export async function causeAndVersion(db: Db, firstBad: FirstBad, windowMs: number, detectedAt: number): Promise<{ cause: ChangeRow | null; configVersion: number | null }> {
  const latest = new Date(Math.max(detectedAt, firstBad.at + BUCKET_MS));
  const [changes, before] = await Promise.all([
    db.configChangeEvent.findMany({ where: { appliedAt: { gte: new Date(firstBad.at - windowMs), lte: latest } }, orderBy: { appliedAt: 'asc' } }),
    db.configChangeEvent.findFirst({ where: { appliedAt: { lte: new Date(firstBad.at) } }, orderBy: [{ appliedAt: 'desc' }, { id: 'desc' }], select: { version: true } }),
  ]);
  const cause = pickLikelyCause(changes, firstBad, windowMs, detectedAt);
  // A cause applied after the estimate (before detection) is the version the alert saw.
  const configVersion = cause && cause.appliedAt.getTime() > firstBad.at ? cause.version : (before?.version ?? null);
  return { cause, configVersion };
}
