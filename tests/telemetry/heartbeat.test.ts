import { afterAll, describe, expect, it } from 'vitest';
import type { InFlightCall } from '@/lib/telemetry/inflight';
import { freshDatabases } from './support/databases';
import { useTestEnv } from './support/env';

/**
 * The heartbeat row other instances read, on a fresh SQLite file and a fresh PostgreSQL
 * database: what is in flight and since when, written at once when a factory call starts or
 * ends, and otherwise refreshed every other beat.
 */

const env = useTestEnv();
afterAll(() => env.cleanup());

const BEAT_MS = 1_000;

const targets = freshDatabases(env.dataDir, 'heartbeat');

describe.each(targets)('heartbeat on $name', (target) => {
  it('shows a factory call in flight at once, with its age, and refreshes an unchanged row every other beat', async () => {
    const { beat, recentInstances } = await import('@/lib/telemetry/heartbeat');
    const { beginInFlight, endInFlight } = await import('@/lib/telemetry/inflight');
    const { db, close } = await target.open();
    try {
      const t0 = Date.now();
      const seenAt = async () => (await db.telemetryInstance.findFirstOrThrow()).seenAt.getTime();

      await beat(db, t0, BEAT_MS);
      expect(await recentInstances(db, t0)).toMatchObject([{ factoryInFlight: 0, factoryOldestAgeMs: null, stale: false, breaker: { state: 'closed' } }]);

      // Nothing changed: the next beat leaves the row, the one after refreshes it (even when its timer fires a little early).
      await beat(db, t0 + BEAT_MS, BEAT_MS);
      expect(await seenAt()).toBe(t0);
      const refreshedAt = t0 + 2 * BEAT_MS - 5;
      await beat(db, refreshedAt, BEAT_MS);
      expect(await seenAt()).toBe(refreshedAt);

      // A page request alone waits for the refresh; a factory call is written at the next beat.
      const page: InFlightCall = { kind: 'page', series: '/', method: 'GET', origin: 'live', startedAt: t0 + 2_500 };
      beginInFlight(page);
      await beat(db, t0 + 3 * BEAT_MS, BEAT_MS);
      expect(await seenAt()).toBe(refreshedAt);
      const call: InFlightCall = { kind: 'factory', series: '/api/order', method: 'POST', origin: 'probe', startedAt: t0 + 3_500 };
      beginInFlight(call);
      try {
        await beat(db, t0 + 4 * BEAT_MS, BEAT_MS);
        const [me] = await recentInstances(db, t0 + 4 * BEAT_MS);
        expect(me).toMatchObject({ factoryInFlight: 1, factoryOldestAgeMs: 500, requestsInFlight: 1, requestsOldestAgeMs: 1_500, stale: false });
        // While it hangs the row stays as it is, and its age grows as readers look.
        await beat(db, t0 + 5 * BEAT_MS, BEAT_MS);
        expect((await recentInstances(db, t0 + 5 * BEAT_MS))[0]).toMatchObject({ factoryOldestAgeMs: 1_500, seenAt: new Date(t0 + 4 * BEAT_MS).toISOString() });
      } finally {
        endInFlight(call);
        endInFlight(page);
      }
      await beat(db, t0 + 6 * BEAT_MS, BEAT_MS);
      expect((await recentInstances(db, t0 + 6 * BEAT_MS))[0]).toMatchObject({ factoryInFlight: 0, factoryOldestAgeMs: null, requestsInFlight: 0 });
      // Seen 5 s after the last write, the instance reads as stale.
      expect((await recentInstances(db, t0 + 12 * BEAT_MS))[0]).toMatchObject({ stale: true });
    } finally {
      await close();
    }
  });
});
