import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { breakerState } from '@/lib/factory-client/breaker';
import { FACTORY_KINDS, inFlightSummary, REQUEST_KINDS } from './inflight';
import { thisInstance } from './instance';
import { lastProbe } from './probe-state';
import { recordInFlightAge } from './record';

/**
 * Every second each instance samples what it has in flight, since when, its circuit breaker and
 * its probe's last result, and upserts them as its row. Any instance (and the alerting that
 * follows) can then see within a second or two that *some* instance has a factory call
 * hanging, and for how long. The same tick samples the oldest in-flight ages into the latency
 * buckets, which makes "oldest in-flight call" a stored time series.
 *
 * The row is rewritten at once when a factory call starts or ends, or the breaker or the probe
 * changes; otherwise (request counts only, or nothing) every other beat, for its `seenAt`:
 * readers count an instance as live for 5 s or 3 beats. A hanging call needs no rewrite: the
 * row holds its start, and readers work out its age.
 */
/** Every other beat: 1.5 intervals after the last write, as a timer may fire a little early. */
const REFRESH_AFTER_BEATS = 1.5;
const lastWritten = new WeakMap<Db, { at: number; watched: string }>();

export async function beat(db: Db = appDb, now = Date.now(), intervalMs = env().telemetry.heartbeatMs): Promise<void> {
  const factory = inFlightSummary(FACTORY_KINDS);
  const requests = inFlightSummary(REQUEST_KINDS);
  recordInFlightAge('factory', factory.oldestStartedAt === null ? 0 : now - factory.oldestStartedAt, now);
  recordInFlightAge('requests', requests.oldestStartedAt === null ? 0 : now - requests.oldestStartedAt, now);
  const breaker = breakerState();
  const probe = lastProbe();
  const watched = [factory.count, factory.oldestStartedAt, breaker.state, breaker.since.getTime(), probe?.at ?? null, probe?.durationMs ?? null, probe?.status ?? null];
  const watchedKey = watched.join('|');
  const last = lastWritten.get(db);
  if (last && last.watched === watchedKey && now - last.at < REFRESH_AFTER_BEATS * intervalMs) return;
  const me = thisInstance();
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  // One raw upsert, the same SQL on SQLite and PostgreSQL: through the client's upsert it cost
  // about three times the CPU, every second on every instance.
  await db.$executeRaw`
    INSERT INTO "TelemetryInstance" ("id", "host", "pid", "startedAt", "seenAt", "factoryInFlight", "factoryOldestStartedAt",
      "requestsInFlight", "requestsOldestStartedAt", "breakerState", "breakerSince", "probeAt", "probeMs", "probeStatus")
    VALUES (${me.id}, ${me.host}, ${me.pid}, ${me.startedAt}, ${new Date(now)}, ${factory.count}, ${date(factory.oldestStartedAt)},
      ${requests.count}, ${date(requests.oldestStartedAt)}, ${breaker.state}, ${breaker.since}, ${date(probe?.at ?? null)},
      ${probe?.durationMs ?? null}, ${probe?.status ?? null})
    ON CONFLICT ("id") DO UPDATE SET "seenAt" = excluded."seenAt", "factoryInFlight" = excluded."factoryInFlight",
      "factoryOldestStartedAt" = excluded."factoryOldestStartedAt", "requestsInFlight" = excluded."requestsInFlight",
      "requestsOldestStartedAt" = excluded."requestsOldestStartedAt", "breakerState" = excluded."breakerState",
      "breakerSince" = excluded."breakerSince", "probeAt" = excluded."probeAt", "probeMs" = excluded."probeMs",
      "probeStatus" = excluded."probeStatus"`;
  lastWritten.set(db, { at: now, watched: watchedKey });
}

export interface InstanceView {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  seenAt: string;
  /** True when the heartbeat is older than the freshness window: the instance may be gone. */
  stale: boolean;
  factoryInFlight: number;
  /** Age now of the instance's oldest factory call in flight, or null. */
  factoryOldestAgeMs: number | null;
  requestsInFlight: number;
  requestsOldestAgeMs: number | null;
  breaker: { state: string; since: string };
  probe: { at: string; durationMs: number | null; status: string | null } | null;
}

/** Heartbeats seen within `windowMs`; those older than `freshMs` are marked stale. */
export async function recentInstances(db: Db = appDb, now = Date.now(), freshMs = 5_000, windowMs = 60_000): Promise<InstanceView[]> {
  const rows = await db.telemetryInstance.findMany({
    where: { seenAt: { gte: new Date(now - windowMs) } },
    orderBy: { startedAt: 'asc' },
  });
  const ageOf = (start: Date | null) => (start ? Math.max(0, now - start.getTime()) : null);
  return rows.map((r) => ({
    id: r.id,
    host: r.host,
    pid: r.pid,
    startedAt: r.startedAt.toISOString(),
    seenAt: r.seenAt.toISOString(),
    stale: r.seenAt.getTime() < now - freshMs,
    factoryInFlight: r.factoryInFlight,
    factoryOldestAgeMs: ageOf(r.factoryOldestStartedAt),
    requestsInFlight: r.requestsInFlight,
    requestsOldestAgeMs: ageOf(r.requestsOldestStartedAt),
    breaker: { state: r.breakerState, since: r.breakerSince.toISOString() },
    probe: r.probeAt ? { at: r.probeAt.toISOString(), durationMs: r.probeMs, status: r.probeStatus } : null,
  }));
}
