import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { breakerState } from '@/lib/factory-client/breaker';
import { FACTORY_KINDS, inFlightSummary, REQUEST_KINDS } from './inflight';
import { thisInstance } from './instance';
import { lastProbe } from './probe-state';
import { recordInFlightAge } from './record';

/**
 * Every second each instance upserts one row: what it has in flight, since when, its circuit
 * breaker and its probe's last result. Any instance (and the alerting that follows) can then
 * see within a second or two that *some* instance has a factory call hanging, and for how long.
 * The same tick samples the oldest in-flight ages into the latency buckets, which makes
 * "oldest in-flight call" a stored time series.
 */

export async function beat(db: Db = appDb, now = Date.now()): Promise<void> {
  const me = thisInstance();
  const factory = inFlightSummary(FACTORY_KINDS);
  const requests = inFlightSummary(REQUEST_KINDS);
  recordInFlightAge('factory', factory.oldestStartedAt === null ? 0 : now - factory.oldestStartedAt, now);
  recordInFlightAge('requests', requests.oldestStartedAt === null ? 0 : now - requests.oldestStartedAt, now);
  const breaker = breakerState();
  const probe = lastProbe();
  const data = {
    seenAt: new Date(now),
    factoryInFlight: factory.count,
    factoryOldestStartedAt: factory.oldestStartedAt === null ? null : new Date(factory.oldestStartedAt),
    requestsInFlight: requests.count,
    requestsOldestStartedAt: requests.oldestStartedAt === null ? null : new Date(requests.oldestStartedAt),
    breakerState: breaker.state,
    breakerSince: breaker.since,
    probeAt: probe ? new Date(probe.at) : null,
    probeMs: probe?.durationMs ?? null,
    probeStatus: probe?.status ?? null,
  };
  await db.telemetryInstance.upsert({
    where: { id: me.id },
    create: { id: me.id, host: me.host, pid: me.pid, startedAt: me.startedAt, ...data },
    update: data,
  });
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
