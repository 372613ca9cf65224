import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { configChangesBetween, type ConfigChange } from '@/lib/store/config-events';
import { judgeFactory } from './health';
import { recentInstances } from './heartbeat';
import { inFlightPoints, latencyPoints, mergedOver, parseSeriesId, seriesSummaries, type Window } from './query';
import { quantiles } from './sketch';
import { RANGES, type ConfigMarker, type FactoryStatus, type LatencyView, type RangeKey } from './view';

/** The factory's headline series: order calls, customers' and the probe's. */
export const FACTORY_HEADLINE = { kinds: ['factory' as const], series: '/api/order' };

const finiteOrNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

export async function factoryStatus(db: Db = appDb, now = Date.now()): Promise<FactoryStatus> {
  const config = env();
  const [minute, instances, pendingOrders] = await Promise.all([
    mergedOver(db, { resolution: 10, from: now - 60_000, to: now }, FACTORY_HEADLINE),
    recentInstances(db, now),
    db.order.count({ where: { status: 'pending' } }),
  ]);
  const [p99, max] = quantiles(minute.sketch, [0.99, 1]);
  const lastMinute = {
    count: minute.count,
    p99: finiteOrNull(p99),
    max: finiteOrNull(max),
    errorRate: minute.count ? minute.errors / minute.count : null,
    timeouts: minute.timeouts,
  };
  const live = instances.filter((i) => !i.stale);
  const ages = live.flatMap((i) => (i.factoryOldestAgeMs === null ? [] : [i.factoryOldestAgeMs]));
  const oldestAgeMs = ages.length ? Math.max(...ages) : null;
  const verdict = judgeFactory({
    lastMinute,
    oldestInFlightMs: oldestAgeMs,
    breakers: live.map((i) => i.breaker.state),
    sloMs: config.telemetry.factoryLatencySloMs,
    timeoutMs: config.factoryTimeoutMs,
  });
  return {
    ...verdict,
    lastMinute,
    inFlight: { count: live.reduce((n, i) => n + i.factoryInFlight, 0), oldestAgeMs },
    instances: instances.map(({ id, host, stale, seenAt, breaker, factoryInFlight, factoryOldestAgeMs, probe }) => ({
      id,
      host,
      stale,
      seenAt,
      breaker,
      factoryInFlight,
      factoryOldestAgeMs,
      probe,
    })),
    pendingOrders,
    sloMs: config.telemetry.factoryLatencySloMs,
    timeoutMs: config.factoryTimeoutMs,
    probeIntervalMs: config.telemetry.probeIntervalMs,
  };
}

const describeDiff = (diff: ConfigChange['diff']) => diff.map((d) => `${d.path}: ${JSON.stringify(d.from)} → ${JSON.stringify(d.to)}`).join(', ');

function toMarker(change: ConfigChange): ConfigMarker {
  return {
    at: Date.parse(change.appliedAt),
    version: change.version,
    type: change.type,
    kind: change.kind,
    author: change.author,
    reason: change.reason,
    changes: describeDiff(change.diff) || 'no field changed',
  };
}

/** Per-route summaries over long ranges read the hourly buckets, which keeps a week fast. */
const summaryResolution = (rangeMs: number) => (rangeMs <= 3_600_000 ? 10 : rangeMs <= 6 * 3_600_000 ? 60 : 3600);

/** Everything the latency page shows for a range, and optionally one route's points. */
export async function latencyView(range: RangeKey, routeId: string | null, db: Db = appDb, now = Date.now()): Promise<LatencyView> {
  const spec = RANGES[range];
  const window: Window = { resolution: spec.resolution, from: now - spec.ms, to: now };
  const route = routeId ? parseSeriesId(routeId) : null;
  const [status, factory, inFlight, routes, routePoints, changes] = await Promise.all([
    factoryStatus(db, now),
    latencyPoints(db, window, FACTORY_HEADLINE),
    inFlightPoints(db, window),
    seriesSummaries(db, { ...window, resolution: summaryResolution(spec.ms) }, ['api', 'page', 'action', 'factory']),
    route ? latencyPoints(db, window, { kinds: [route.kind], series: route.series, method: route.method }) : Promise.resolve(null),
    configChangesBetween(new Date(window.from), new Date(now)),
  ]);
  return {
    range,
    resolution: spec.resolution,
    from: window.from,
    to: now,
    generatedAt: now,
    status,
    factory,
    inFlight,
    routes,
    route: route && routePoints && routeId ? { id: routeId, points: routePoints } : null,
    markers: changes.map(toMarker),
  };
}
