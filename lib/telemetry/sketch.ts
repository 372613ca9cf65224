/**
 * A mergeable quantile sketch with a guaranteed relative error: DDSketch's logarithmic
 * mapping (Masson, Rim & Lee, VLDB 2019) over a sparse map of bucket counts.
 *
 * Bucket k holds the values in (γ^(k-1), γ^k] with γ = (1+α)/(1-α); a quantile is answered
 * with the bucket's point 2γ^k/(γ+1), which is within α of every value in it. The buckets
 * have no upper bound, so a 32 s call reads as ≈32 s, not as a top bucket's edge, and two
 * sketches merge exactly by adding counts, so instances and time buckets combine without
 * losing accuracy. Count, sum, min and max are kept exactly.
 *
 * Why our own 100 lines rather than @datadog/sketches-js: its serialisation needs protobufjs,
 * which it does not declare as a dependency (toProto fails on a clean install), its
 * fromProto drops min and max, and its class instances would cross Next's route bundles.
 * This one is plain data stored as JSON text, readable in either database.
 */

/** α: every quantile is within 1% of the true value (the goal is 2% or better). */
export const RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
/** Values at or below one microsecond (in ms) are counted as zero. */
const MIN_TRACKED = 0.001;

export interface Sketch {
  /** Bucket key → count. */
  bins: Map<number, number>;
  zeros: number;
  count: number;
  sum: number;
  /** Infinity and -Infinity while empty. */
  min: number;
  max: number;
}

export function newSketch(): Sketch {
  return { bins: new Map(), zeros: 0, count: 0, sum: 0, min: Infinity, max: -Infinity };
}

const keyOf = (value: number) => Math.ceil(Math.log(value) / LN_GAMMA);
const valueOf = (key: number) => (2 * GAMMA ** key) / (GAMMA + 1);

export function addValue(sketch: Sketch, raw: number, weight = 1): void {
  const value = Number.isFinite(raw) && raw > 0 ? raw : 0;
  if (value <= MIN_TRACKED) sketch.zeros += weight;
  else {
    const key = keyOf(value);
    sketch.bins.set(key, (sketch.bins.get(key) ?? 0) + weight);
  }
  sketch.count += weight;
  sketch.sum += value * weight;
  if (value < sketch.min) sketch.min = value;
  if (value > sketch.max) sketch.max = value;
}

/** Adds `from` into `into`. */
export function mergeInto(into: Sketch, from: Sketch): Sketch {
  for (const [key, n] of from.bins) into.bins.set(key, (into.bins.get(key) ?? 0) + n);
  into.zeros += from.zeros;
  into.count += from.count;
  into.sum += from.sum;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
  return into;
}

/**
 * The values at the given quantiles (0..1), in order; NaN when empty. The rank convention is
 * the lower one: quantile q is the ⌊q·(n−1)⌋-th smallest value; 0 and 1 are the exact min and max.
 */
export function quantiles(sketch: Sketch, qs: readonly number[]): number[] {
  if (sketch.count === 0) return qs.map(() => NaN);
  const keys = [...sketch.bins.keys()].sort((a, b) => a - b);
  return qs.map((q) => {
    // The extremes are kept exactly.
    if (q >= 1) return sketch.max;
    if (q <= 0) return sketch.min;
    const rank = Math.floor(q * (sketch.count - 1));
    if (rank < sketch.zeros) return 0;
    let seen = sketch.zeros;
    for (const key of keys) {
      seen += sketch.bins.get(key) ?? 0;
      if (seen > rank) return Math.min(sketch.max, Math.max(sketch.min, valueOf(key)));
    }
    return sketch.max;
  });
}

/** How many values are above `threshold`, within the sketch's relative accuracy (whole buckets). */
export function countAbove(sketch: Sketch, threshold: number): number {
  if (sketch.count === 0 || sketch.max <= threshold) return 0;
  if (threshold <= MIN_TRACKED) return sketch.count - sketch.zeros;
  const edge = keyOf(threshold);
  let n = 0;
  for (const [key, c] of sketch.bins) if (key > edge) n += c;
  return n;
}

export const quantile = (sketch: Sketch, q: number): number => quantiles(sketch, [q])[0] ?? NaN;

interface Encoded {
  z: number;
  n: number;
  s: number;
  lo: number | null;
  hi: number | null;
  /** Sorted keys, delta-encoded. */
  k: number[];
  c: number[];
}

/** Compact JSON: sorted keys as deltas, counts alongside. */
export function encodeSketch(sketch: Sketch): string {
  const keys = [...sketch.bins.keys()].sort((a, b) => a - b);
  const encoded: Encoded = {
    z: sketch.zeros,
    n: sketch.count,
    s: Math.round(sketch.sum * 1000) / 1000,
    lo: sketch.count ? sketch.min : null,
    hi: sketch.count ? sketch.max : null,
    k: keys.map((key, i) => (i === 0 ? key : key - (keys[i - 1] ?? 0))),
    c: keys.map((key) => sketch.bins.get(key) ?? 0),
  };
  return JSON.stringify(encoded);
}

export class SketchFormatError extends Error {
  override name = 'SketchFormatError';
}

const isNumberArray = (value: unknown): value is number[] => Array.isArray(value) && value.every((v) => typeof v === 'number');

export function decodeSketch(text: string): Sketch {
  const e = JSON.parse(text) as Partial<Encoded>;
  if (
    typeof e.z !== 'number' ||
    typeof e.n !== 'number' ||
    typeof e.s !== 'number' ||
    !isNumberArray(e.k) ||
    !isNumberArray(e.c) ||
    e.k.length !== e.c.length
  ) {
    throw new SketchFormatError('not an encoded sketch');
  }
  const bins = new Map<number, number>();
  let key = 0;
  e.k.forEach((delta, i) => {
    key = i === 0 ? delta : key + delta;
    bins.set(key, e.c?.[i] ?? 0);
  });
  return { bins, zeros: e.z, count: e.n, sum: e.s, min: e.lo ?? Infinity, max: e.hi ?? -Infinity };
}
