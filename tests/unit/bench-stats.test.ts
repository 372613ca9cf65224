import { describe, expect, it } from 'vitest';
import { median, medianInterval } from '../../scripts/bench/stats.mjs';

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
});
