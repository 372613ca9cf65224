import 'server-only';
import type { Db } from '@/lib/db';

/**
 * A lease in the shared database, so that one instance at a time runs a periodic job. Taken
 * when free, expired or already ours, in one conditional upsert (the same SQL on SQLite and
 * PostgreSQL), so two takers agree on one holder. The alert engine renews it every evaluation.
 */
export async function takeLease(db: Db, name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.$executeRaw`
    INSERT INTO "TelemetryLease" ("name", "holder", "expiresAt") VALUES (${name}, ${holder}, ${expiresAt})
    ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
    WHERE "TelemetryLease"."holder" = excluded."holder" OR "TelemetryLease"."expiresAt" < ${now}`;
  return taken === 1;
}
