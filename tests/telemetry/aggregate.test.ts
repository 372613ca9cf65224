import { describe, expect, it } from 'vitest';
import { aggregate, evictFinished, newAggregator, takeDirty } from '@/lib/telemetry/aggregate';

/** The in-memory buckets: each value lands in its 10 s, 1 min and 1 h bucket, across period ends and evictions. */

const LABELS = { kind: 'api', series: '/api/order/menu', method: 'GET', status: '2xx', origin: 'live' } as const;
const HOUR = 3_600_000;
const counts = (rows: { resolution: number; start: number; count: number }[]) =>
  rows.map((r) => `${r.resolution}@${r.start}:${r.count}`).sort();

describe('aggregate', () => {
  it('puts each value in the bucket of its period at every resolution, also when the periods roll over', () => {
    const a = newAggregator();
    const t0 = 100 * HOUR; // on a 10 s, 1 min and 1 h boundary
    for (const at of [t0, t0 + 5_000, t0 + 10_000, t0 + 61_000]) aggregate(a, LABELS, at, 12, false);
    expect(counts(takeDirty(a).rows)).toEqual(
      [`10@${t0}:2`, `10@${t0 + 10_000}:1`, `10@${t0 + 60_000}:1`, `60@${t0}:3`, `60@${t0 + 60_000}:1`, `3600@${t0}:4`].sort(),
    );
  });

  it('starts a fresh bucket after the old one was written and forgotten', () => {
    const a = newAggregator();
    const t0 = 200 * HOUR;
    aggregate(a, LABELS, t0, 12, true);
    takeDirty(a);
    // 20 s later the 10 s bucket is over (and written): forgotten; the 1 min and 1 h ones go on.
    evictFinished(a, t0 + 20_000);
    expect(a.buckets.size).toBe(2);
    // A late value for the same periods (a clock step back) must not land in the forgotten bucket.
    aggregate(a, LABELS, t0 + 1, 30, false);
    const rows = takeDirty(a).rows.map((r) => ({ resolution: r.resolution, count: r.count, timeouts: r.timeouts, maxMs: r.maxMs }));
    expect(rows).toEqual([
      { resolution: 60, count: 2, timeouts: 1, maxMs: 30 },
      { resolution: 3600, count: 2, timeouts: 1, maxMs: 30 },
      { resolution: 10, count: 1, timeouts: 0, maxMs: 30 },
    ]);
  });
});
