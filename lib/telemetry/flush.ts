import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { evictFinished, markFailed, takeDirty, type Aggregator } from './aggregate';
import { thisInstance } from './instance';
import { writeBuckets } from './persist';
import { drainRecorded, telemetryRuntime } from './record';

/** Writes an aggregator's dirty buckets as this instance's rows. Returns how many rows were written. */
export async function flushAggregator(aggregator: Aggregator, instanceId: string, db: Db): Promise<number> {
  const now = Date.now();
  const { rows, taken } = takeDirty(aggregator);
  try {
    await writeBuckets(db, instanceId, rows);
  } catch (error) {
    markFailed(taken);
    throw error;
  }
  evictFinished(aggregator, now);
  return rows.length;
}

/** The background flush of this process's recorder, with every call recorded so far. */
export function flushTelemetry(db: Db = appDb): Promise<number> {
  drainRecorded();
  return flushAggregator(telemetryRuntime().aggregator, thisInstance().id, db);
}
