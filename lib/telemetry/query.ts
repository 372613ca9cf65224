import 'server-only';
import type { Db } from '@/lib/db';
import type { Resolution } from './aggregate';
import { isFailure, type BucketKind } from './labels';
import { readBuckets, type StoredBucket } from './persist';
import { decodeSketch, mergeInto, newSketch, quantiles, type Sketch } from './sketch';
import type { InFlightPoints, LatencyPoints, SeriesSummary } from './view';

/**
 * Reading latency back: rows from every instance, merged per time bucket (or over a whole
 * window). Sketch merges are exact, so the merged percentiles are those of all the calls.
 */

export interface SeriesFilter {
  kinds: BucketKind[];
  series?: string;
  method?: string;
  origin?: string;
}

export interface Window {
  resolution: Resolution;
  from: number;
  /** Exclusive; usually now. */
  to: number;
}

export interface Merged {
  sketch: Sketch;
  count: number;
  errors: number;
  timeouts: number;
}

const emptyMerged = (): Merged => ({ sketch: newSketch(), count: 0, errors: 0, timeouts: 0 });

function add(into: Merged, row: StoredBucket): void {
  mergeInto(into.sketch, decodeSketch(row.sketch));
  into.count += row.count;
  if (isFailure(row.kind, row.status)) into.errors += row.count;
  into.timeouts += row.timeouts;
}

const alignDown = (ms: number, resolution: number) => ms - (ms % (resolution * 1000));
const finiteOrNull = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);

function read(db: Db, window: Window, filter: SeriesFilter) {
  return readBuckets(db, {
    resolution: window.resolution,
    from: new Date(alignDown(window.from, window.resolution)),
    to: new Date(window.to),
    ...filter,
  });
}

/** Everything matching the filter in the window, merged into one sketch. */
export async function mergedOver(db: Db, window: Window, filter: SeriesFilter): Promise<Merged> {
  const merged = emptyMerged();
  for (const row of await read(db, window, filter)) add(merged, row);
  return merged;
}

const percentiles = (merged: Merged) => quantiles(merged.sketch, [0.5, 0.95, 0.99, 1]).map((v) => finiteOrNull(v));

/** One point per bucket of the window (gaps are null), merged across instances, statuses and origins. */
export async function latencyPoints(db: Db, window: Window, filter: SeriesFilter): Promise<LatencyPoints> {
  const step = window.resolution * 1000;
  const first = alignDown(window.from, window.resolution);
  const slots = new Map<number, Merged>();
  for (let t = first; t < window.to; t += step) slots.set(t, emptyMerged());
  for (const row of await read(db, window, filter)) {
    const slot = slots.get(row.bucketStart.getTime());
    if (slot) add(slot, row);
  }
  const points: LatencyPoints = { t: [], p50: [], p95: [], p99: [], max: [], rate: [], errorRate: [], timeouts: [] };
  for (const [start, m] of slots) {
    const [p50, p95, p99, max] = percentiles(m);
    // The current bucket is still filling: its rate is over the seconds elapsed so far.
    const seconds = Math.max(1, Math.min(window.resolution, (window.to - start) / 1000));
    points.t.push(start / 1000);
    points.p50.push(p50 ?? null);
    points.p95.push(p95 ?? null);
    points.p99.push(p99 ?? null);
    points.max.push(max ?? null);
    points.rate.push(m.count / seconds);
    points.errorRate.push(m.count ? m.errors / m.count : null);
    points.timeouts.push(m.timeouts);
  }
  return points;
}

/** The oldest in-flight call's age per bucket: the max of every instance's once-a-second samples. */
export async function inFlightPoints(db: Db, window: Window): Promise<InFlightPoints> {
  const step = window.resolution * 1000;
  const first = alignDown(window.from, window.resolution);
  const slots = new Map<number, { factoryMs: number | null; requestsMs: number | null }>();
  for (let t = first; t < window.to; t += step) slots.set(t, { factoryMs: null, requestsMs: null });
  for (const row of await read(db, window, { kinds: ['inflight'] })) {
    const slot = slots.get(row.bucketStart.getTime());
    if (!slot) continue;
    const key = row.series === 'factory' ? 'factoryMs' : 'requestsMs';
    slot[key] = Math.max(slot[key] ?? 0, row.maxMs);
  }
  const points: InFlightPoints = { t: [], factoryMs: [], requestsMs: [] };
  for (const [start, slot] of slots) {
    points.t.push(start / 1000);
    points.factoryMs.push(slot.factoryMs);
    points.requestsMs.push(slot.requestsMs);
  }
  return points;
}

export const seriesId = (kind: string, method: string, series: string) => `${kind}|${method}|${series}`;

export function parseSeriesId(id: string): { kind: BucketKind; method: string; series: string } | null {
  const [kind, method, ...rest] = id.split('|');
  const kinds: BucketKind[] = ['api', 'page', 'action', 'factory'];
  if (!kind || !method || rest.length === 0 || !kinds.includes(kind as BucketKind)) return null;
  return { kind: kind as BucketKind, method, series: rest.join('|') };
}

/** One line per series over the whole window, busiest first. */
export async function seriesSummaries(db: Db, window: Window, kinds: BucketKind[]): Promise<SeriesSummary[]> {
  const groups = new Map<string, { kind: string; series: string; method: string; merged: Merged }>();
  for (const row of await read(db, window, { kinds })) {
    const id = seriesId(row.kind, row.method, row.series);
    let group = groups.get(id);
    if (!group) {
      group = { kind: row.kind, series: row.series, method: row.method, merged: emptyMerged() };
      groups.set(id, group);
    }
    add(group.merged, row);
  }
  const seconds = Math.max(1, (window.to - alignDown(window.from, window.resolution)) / 1000);
  return [...groups.entries()]
    .map(([id, g]) => {
      const [p50, p95, p99, max] = percentiles(g.merged);
      return {
        id,
        kind: g.kind,
        series: g.series,
        method: g.method,
        count: g.merged.count,
        rate: g.merged.count / seconds,
        p50: p50 ?? null,
        p95: p95 ?? null,
        p99: p99 ?? null,
        max: max ?? null,
        errorRate: g.merged.count ? g.merged.errors / g.merged.count : null,
        timeouts: g.merged.timeouts,
      };
    })
    .sort((a, b) => b.count - a.count);
}
