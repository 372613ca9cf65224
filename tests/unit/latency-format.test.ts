import { describe, expect, it } from 'vitest';
import { formatRateTicks } from '@/components/latency/format';

describe('the latency charts’ rate axis', () => {
  it('labels every tick in the unit of the largest one', () => {
    expect(formatRateTicks([0, 0.05, 0.1, 0.2])).toEqual(['0/min', '3/min', '6/min', '12/min']);
    expect(formatRateTicks([0, 0.5, 1, 1.5])).toEqual(['0/s', '0.5/s', '1/s', '1.5/s']);
    expect(formatRateTicks([0, 0.001, 0.002])).toEqual(['0/h', '3.6/h', '7.2/h']);
  });

  it('says /s for an axis of zeros', () => {
    expect(formatRateTicks([0, 0])).toEqual(['0/s', '0/s']);
  });
});
