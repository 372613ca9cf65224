import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import type { TelemetryConfig } from '@/lib/env';
import { RESOLUTIONS } from './aggregate';
import { takeLease } from './lease';

/** Heartbeats of instances not seen for this long are deleted. */
const INSTANCE_RETENTION_MS = 86_400_000;
export const CLEANUP_LEASE = 'telemetry-retention';

/**
 * Deletes buckets past their resolution's retention, old heartbeats, and alert history and
 * smoke tests older than the longest retention (incidents are records: they stay). Runs under a lease,
 * so with several instances one does it. Returns the rows deleted, or null when another
 * instance holds the lease.
 */
export async function enforceRetention(
  retentionMs: TelemetryConfig['retentionMs'],
  holder: string,
  leaseMs: number,
  db: Db = appDb,
  now = Date.now(),
): Promise<number | null> {
  if (!(await takeLease(db, CLEANUP_LEASE, holder, leaseMs, new Date(now)))) return null;
  let deleted = 0;
  for (const resolution of RESOLUTIONS) {
    const { count } = await db.latencyBucket.deleteMany({
      where: { resolution, bucketStart: { lt: new Date(now - retentionMs[resolution]) } },
    });
    deleted += count;
  }
  const { count } = await db.telemetryInstance.deleteMany({ where: { seenAt: { lt: new Date(now - INSTANCE_RETENTION_MS) } } });
  const historyBefore = new Date(now - retentionMs[3600]);
  const events = await db.alertEvent.deleteMany({ where: { at: { lt: historyBefore } } });
  const smokeTests = await db.smokeTest.deleteMany({ where: { startedAt: { lt: historyBefore } } });
  return deleted + count + events.count + smokeTests.count;
}
