import { describe, expect, it } from 'vitest';
import { addValue, decodeSketch, encodeSketch, mergeInto, newSketch, quantile, quantiles, RELATIVE_ACCURACY, type Sketch } from '@/lib/telemetry/sketch';

/** The exact value at quantile q with the sketch's rank convention (the ⌊q·(n−1)⌋-th smallest). */
function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

function sketchOf(values: number[]): Sketch {
  const s = newSketch();
  for (const v of values) addValue(s, v);
  return s;
}

/** A deterministic pseudo-random source (mulberry32), so failures reproduce. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QS = [0, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1];

function expectWithinError(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * RELATIVE_ACCURACY + 1e-9);
}

describe('latency sketch', () => {
  it('promises 1% relative error, better than the 2% asked for', () => {
    expect(RELATIVE_ACCURACY).toBeLessThanOrEqual(0.02);
  });

  it('puts each value in the bucket whose representative is within 1% of it', () => {
    for (const v of [0.05, 1, 1.5, 7, 42, 199.9, 200, 1_000, 2_000, 32_000, 60_000, 3_600_000]) {
      const s = sketchOf([v]);
      expect(s.bins.size).toBe(1);
      // With one value, min and max clamp the answer to the value itself...
      expect(quantile(s, 0.5)).toBe(v);
      // ...and the bucket's own representative is within α of it.
      const [key] = [...s.bins.keys()];
      const gamma = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
      const representative = (2 * gamma ** key!) / (gamma + 1);
      expectWithinError(representative, v);
    }
  });

  it('answers every quantile of a skewed, 5-decade distribution within 1%', () => {
    const random = seeded(7);
    // Log-uniform from 0.5 ms to 50 s, plus a cluster of 32 s timeouts.
    const values = Array.from({ length: 50_000 }, () => 0.5 * 10 ** (random() * 5));
    for (let i = 0; i < 2_000; i++) values.push(32_000 + random() * 500);
    const s = sketchOf(values);
    const got = quantiles(s, QS);
    QS.forEach((q, i) => expectWithinError(got[i]!, exact(values, q)));
    expect(s.count).toBe(values.length);
    expect(s.max).toBe(Math.max(...values));
    expect(s.min).toBe(Math.min(...values));
    expect(s.sum).toBeCloseTo(values.reduce((a, b) => a + b, 0), 3);
  });

  it('reads a 32 s spike as ≈32 s at p99 and max, not as a bucket bound', () => {
    // 95 fast calls and 5 that hung for 32 s: p99 must say 32 s.
    const values = [...Array.from({ length: 95 }, (_, i) => 150 + i), ...Array(5).fill(32_000)];
    const s = sketchOf(values);
    const [p50, p95, p99] = quantiles(s, [0.5, 0.95, 0.99]);
    expectWithinError(p50!, exact(values, 0.5));
    expectWithinError(p95!, exact(values, 0.95));
    expectWithinError(p99!, 32_000);
    expect(s.max).toBe(32_000);
    // A lone 32 s call among thousands of fast ones still shows as the max, exactly.
    const mostlyFast = sketchOf([...Array(10_000).fill(120), 32_123]);
    expect(quantile(mostlyFast, 1)).toBe(32_123);
    expectWithinError(quantile(mostlyFast, 0.5), 120);
  });

  it('merging two sketches gives the same answers as one sketch of all values', () => {
    const random = seeded(11);
    const a = Array.from({ length: 7_000 }, () => 20 + random() * 300);
    const b = Array.from({ length: 3_000 }, () => 1_000 * 10 ** (random() * 1.6));
    const merged = mergeInto(sketchOf(a), sketchOf(b));
    const whole = sketchOf([...a, ...b]);
    expect(quantiles(merged, QS)).toEqual(quantiles(whole, QS));
    expect(merged.count).toBe(whole.count);
    expect(merged.max).toBe(whole.max);
    expect(merged.min).toBe(whole.min);
    QS.forEach((q) => expectWithinError(quantile(merged, q), exact([...a, ...b], q)));
  });

  it('counts zero and sub-microsecond durations as zero', () => {
    const s = sketchOf([0, 0.0005, -3, 10]);
    expect(s.zeros).toBe(3);
    expect(quantile(s, 0)).toBe(0);
    expect(quantile(s, 1)).toBe(10);
  });

  it('survives the JSON round trip to the database unchanged', () => {
    const random = seeded(3);
    const s = sketchOf(Array.from({ length: 2_000 }, () => random() * 5_000));
    addValue(s, 0);
    const text = encodeSketch(s);
    const back = decodeSketch(text);
    expect(quantiles(back, QS)).toEqual(quantiles(s, QS));
    expect({ count: back.count, zeros: back.zeros, min: back.min, max: back.max }).toEqual({ count: s.count, zeros: s.zeros, min: s.min, max: s.max });
    expect(decodeSketch(encodeSketch(newSketch())).count).toBe(0);
    expect(Number.isNaN(quantile(newSketch(), 0.5))).toBe(true);
    expect(() => decodeSketch('{"z":1}')).toThrow('not an encoded sketch');
  });
});

describe('countAbove', () => {
  it('counts the values above a threshold, within the relative accuracy', async () => {
    const { addValue, countAbove, newSketch } = await import('@/lib/telemetry/sketch');
    const s = newSketch();
    for (let v = 1; v <= 2_000; v++) addValue(s, v);
    expect(countAbove(s, 1_000)).toBeGreaterThanOrEqual(1_000 - 20);
    expect(countAbove(s, 1_000)).toBeLessThanOrEqual(1_000 + 20);
    expect(countAbove(s, 2_000)).toBe(0);
    expect(countAbove(newSketch(), 1)).toBe(0);
  });
});
