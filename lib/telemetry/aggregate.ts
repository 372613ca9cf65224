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
  /** Forgotten by the aggregator (evictFinished): never reused. */
  evicted?: boolean;
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
  /** Per label set: the buckets (one per resolution) the latest value went into, to skip the lookups while their period lasts. */
  current: Map<string, Bucket[]>;
}

/** Beyond this many distinct series, new ones are folded into OTHER_SERIES. */
export const MAX_SERIES = 500;
export const OTHER_SERIES = '(other)';
/** Buckets that could not be written for this long are dropped, so a database outage cannot exhaust memory. */
const GIVE_UP_AFTER_MS = 15 * 60_000;

export const newAggregator = (): Aggregator => ({ buckets: new Map(), series: new Set(), current: new Map() });

export const bucketStartOf = (at: number, resolution: Resolution) => at - (at % (resolution * 1000));

function boundedSeries(aggregator: Aggregator, kind: string, series: string): string {
  const id = `${kind}|${series}`;
  if (aggregator.series.has(id)) return series;
  if (aggregator.series.size >= MAX_SERIES) return OTHER_SERIES;
  aggregator.series.add(id);
  return series;
}

/** A label set as one string, built once per call and shared by the aggregator and the exporters. */
export const labelKeyOf = (labels: BucketLabels): string => `${labels.kind}\u0000${labels.series}\u0000${labels.method}\u0000${labels.status}\u0000${labels.origin}`;

export function aggregate(aggregator: Aggregator, labels: BucketLabels, at: number, valueMs: number, timedOut: boolean, labelKey = labelKeyOf(labels)): void {
  let current = aggregator.current.get(labelKey);
  if (!current) {
    current = [];
    aggregator.current.set(labelKey, current);
  }
  for (let i = 0; i < RESOLUTIONS.length; i++) {
    const resolution = RESOLUTIONS[i]!;
    const start = bucketStartOf(at, resolution);
    let bucket = current[i];
    if (!bucket || bucket.start !== start || bucket.evicted) {
      bucket = bucketFor(aggregator, labels, resolution, start);
      current[i] = bucket;
    }
    bucket.count += 1;
    if (timedOut) bucket.timeouts += 1;
    addValue(bucket.sketch, valueMs);
    bucket.dirty = true;
  }
}

function bucketFor(aggregator: Aggregator, labels: BucketLabels, resolution: Resolution, start: number): Bucket {
  const series = boundedSeries(aggregator, labels.kind, labels.series);
  const key = `${resolution}|${start}|${labels.kind}|${series}|${labels.method}|${labels.status}|${labels.origin}`;
  let bucket = aggregator.buckets.get(key);
  if (!bucket) {
    // The labels are copied one by one: `labels` may be a whole finished call.
    bucket = { kind: labels.kind, series, method: labels.method, status: labels.status, origin: labels.origin, resolution, start, count: 0, timeouts: 0, sketch: newSketch(), dirty: true };
    aggregator.buckets.set(key, bucket);
  }
  return bucket;
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
    if (!bucket.dirty || end < now - GIVE_UP_AFTER_MS) {
      aggregator.buckets.delete(key);
      bucket.evicted = true;
    }
  }
  // Label sets whose buckets are all gone.
  for (const [labelKey, current] of aggregator.current) if (current.every((b) => b.evicted)) aggregator.current.delete(labelKey);
}
