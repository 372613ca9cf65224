import type { BucketKind } from './labels';
import { addValue, encodeSketch, newSketch, type Sketch } from './sketch';

/**
 * The in-memory side of recording: each value lands, at once, in its 10 s, 1 min and 1 h
 * bucket. Merging sketches is exact, so this equals rolling the 10 s buckets up later, with
 * no late-data window and no leader. The flusher writes dirty buckets whole (idempotent
 * upserts of this instance's rows) and forgets those whose period is over.
 */

export const RESOLUTIONS = [10, 60, 3600] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface BucketLabels {
  kind: BucketKind;
  series: string;
  method: string;
  status: string;
  origin: string;
}

export interface Bucket extends BucketLabels {
  resolution: Resolution;
  /** Epoch ms. */
  start: number;
  count: number;
  timeouts: number;
  sketch: Sketch;
  dirty: boolean;
}

/** A bucket as written to the database. */
export interface BucketRow extends BucketLabels {
  resolution: Resolution;
  start: number;
  count: number;
  timeouts: number;
  sumMs: number;
  maxMs: number;
  sketch: string;
}

export interface Aggregator {
  buckets: Map<string, Bucket>;
  /** Distinct kind+series seen, to cap cardinality. */
  series: Set<string>;
}

/** Beyond this many distinct series, new ones are folded into OTHER_SERIES. */
export const MAX_SERIES = 500;
export const OTHER_SERIES = '(other)';
/** Buckets that could not be written for this long are dropped, so a database outage cannot exhaust memory. */
const GIVE_UP_AFTER_MS = 15 * 60_000;

export const newAggregator = (): Aggregator => ({ buckets: new Map(), series: new Set() });

export const bucketStartOf = (at: number, resolution: Resolution) => at - (at % (resolution * 1000));

function boundedSeries(aggregator: Aggregator, kind: string, series: string): string {
  const id = `${kind}|${series}`;
  if (aggregator.series.has(id)) return series;
  if (aggregator.series.size >= MAX_SERIES) return OTHER_SERIES;
  aggregator.series.add(id);
  return series;
}

export function aggregate(aggregator: Aggregator, labels: BucketLabels, at: number, valueMs: number, timedOut: boolean): void {
  const series = boundedSeries(aggregator, labels.kind, labels.series);
  const labelKey = `${labels.kind}|${series}|${labels.method}|${labels.status}|${labels.origin}`;
  for (const resolution of RESOLUTIONS) {
    const start = bucketStartOf(at, resolution);
    const key = `${resolution}|${start}|${labelKey}`;
    let bucket = aggregator.buckets.get(key);
    if (!bucket) {
      bucket = { ...labels, series, resolution, start, count: 0, timeouts: 0, sketch: newSketch(), dirty: true };
      aggregator.buckets.set(key, bucket);
    }
    bucket.count += 1;
    if (timedOut) bucket.timeouts += 1;
    addValue(bucket.sketch, valueMs);
    bucket.dirty = true;
  }
}

/** Snapshots the dirty buckets as rows and marks them clean. Call `markFailed` if writing them fails. */
export function takeDirty(aggregator: Aggregator): { rows: BucketRow[]; taken: Bucket[] } {
  const taken = [...aggregator.buckets.values()].filter((b) => b.dirty);
  for (const bucket of taken) bucket.dirty = false;
  const rows = taken.map((b) => ({
    kind: b.kind,
    series: b.series,
    method: b.method,
    status: b.status,
    origin: b.origin,
    resolution: b.resolution,
    start: b.start,
    count: b.count,
    timeouts: b.timeouts,
    sumMs: b.sketch.sum,
    maxMs: b.sketch.max,
    sketch: encodeSketch(b.sketch),
  }));
  return { rows, taken };
}

export function markFailed(taken: Bucket[]): void {
  for (const bucket of taken) bucket.dirty = true;
}

/** Forgets buckets whose period ended before `now` and that are written (or too old to keep trying). */
export function evictFinished(aggregator: Aggregator, now: number): void {
  for (const [key, bucket] of aggregator.buckets) {
    const end = bucket.start + bucket.resolution * 1000;
    if (end > now) continue;
    if (!bucket.dirty || end < now - GIVE_UP_AFTER_MS) aggregator.buckets.delete(key);
  }
}
