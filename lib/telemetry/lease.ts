import 'server-only';
import type { Db } from '@/lib/db';

/**
 * A lease in the shared database, so that one instance at a time runs a periodic job. Taken
 * when free, expired or already ours; conditional writes make two takers agree on one holder.
 */
export async function takeLease(db: Db, name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.telemetryLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.telemetryLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch {
    // Someone else holds it (unique violation).
    return false;
  }
}
