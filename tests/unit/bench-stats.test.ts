import { describe, expect, it } from 'vitest';
import { crossoverRatios, median, medianInterval } from '../../scripts/bench/stats.mjs';

/** The bench's verdict on telemetry's cost rests on these: the median of paired slices and how far it can be trusted. */
describe('bench statistics', () => {
  it('takes the lower median and ignores missing values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([null, 5, undefined])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('gives a bootstrap interval around the median that narrows with agreeing samples and is repeatable', () => {
    const noisy = [-8, -3, 0, 1, 2, 2, 3, 4, 5, 6, 9, 15];
    const middle = median(noisy)!;
    const wide = medianInterval(noisy)!;
    expect(wide.low).toBeLessThanOrEqual(middle);
    expect(wide.high).toBeGreaterThanOrEqual(middle);
    expect(wide.high - wide.low).toBeGreaterThan(1);
    expect(medianInterval(noisy)).toEqual(wide);
    expect(medianInterval([2, 2, 2, 2, 2])).toMatchObject({ low: 2, high: 2, level: 0.95 });
    expect(medianInterval([7])).toBeNull();
  });

  it('recovers the A/B ratio from a crossover whatever the two servers\' own speeds', () => {
    // Server 1 is 7 % faster than server 0; state A gives 96 % of B's throughput.
    const [s0, s1] = [1000, 1070];
    const a = 0.96;
    const slices: [number, number][] = [
      [s0 * a, s1], // server 0 in A
      [s0, s1 * a], // swapped
      [s0 * a * 0.8, s1 * 0.8], // the whole machine 20 % slower: cancels within the slice
      [s0 * 1.1, s1 * a * 1.1],
    ];
    const ratios = crossoverRatios(slices);
    expect(ratios).toHaveLength(2);
    for (const r of ratios) expect(r).toBeCloseTo(a, 10);
    expect(crossoverRatios([[5, 5], [5, 0]])).toEqual([]);
    expect(crossoverRatios([[5, 5]])).toEqual([]);
  });
});
