import 'server-only';
import type { Db } from '@/lib/db';
import type { BucketRow, Resolution } from './aggregate';
import type { BucketKind } from './labels';

/** Latency buckets in the database: this instance's upserts, and range reads across instances. */

export async function writeBuckets(db: Db, instanceId: string, rows: BucketRow[]): Promise<void> {
  if (rows.length === 0) return;
  const updatedAt = new Date();
  await db.$transaction(
    rows.map((r) => {
      const key = {
        resolution: r.resolution,
        bucketStart: new Date(r.start),
        kind: r.kind,
        series: r.series,
        method: r.method,
        status: r.status,
        origin: r.origin,
        instanceId,
      };
      const values = { count: r.count, timeouts: r.timeouts, sumMs: r.sumMs, maxMs: r.maxMs, sketch: r.sketch, updatedAt };
      return db.latencyBucket.upsert({ where: { bucketKey: key }, create: { ...key, ...values }, update: values });
    }),
  );
}

export interface StoredBucket {
  bucketStart: Date;
  kind: string;
  series: string;
  method: string;
  status: string;
  origin: string;
  instanceId: string;
  count: number;
  timeouts: number;
  maxMs: number;
  sketch: string;
}

export interface BucketQuery {
  resolution: Resolution;
  from: Date;
  /** Exclusive. */
  to: Date;
  kinds: BucketKind[];
  series?: string;
  method?: string;
  origin?: string;
}

export function readBuckets(db: Db, q: BucketQuery): Promise<StoredBucket[]> {
  return db.latencyBucket.findMany({
    where: {
      resolution: q.resolution,
      kind: { in: q.kinds },
      bucketStart: { gte: q.from, lt: q.to },
      ...(q.series !== undefined ? { series: q.series } : {}),
      ...(q.method !== undefined ? { method: q.method } : {}),
      ...(q.origin !== undefined ? { origin: q.origin } : {}),
    },
    select: {
      bucketStart: true,
      kind: true,
      series: true,
      method: true,
      status: true,
      origin: true,
      instanceId: true,
      count: true,
      timeouts: true,
      maxMs: true,
      sketch: true,
    },
  });
}
