import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { verifyBodySignature } from '@/lib/http/signature';
import { log } from '@/lib/log';

/** The store's record of the factory's configuration announcements (signed webhooks). */

const announcement = z.object({
  type: z.enum(['config.applied', 'experiment.started', 'experiment.ended']),
  version: z.number().int().positive(),
  kind: z.string().max(40),
  author: z.string().max(200),
  reason: z.string().max(1000),
  diff: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown() })),
  document: z.record(z.string(), z.unknown()),
  appliedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type Announcement = z.infer<typeof announcement>;

export interface ConfigChange {
  id: number;
  version: number;
  type: Announcement['type'];
  kind: string;
  author: string;
  reason: string;
  diff: Announcement['diff'];
  appliedAt: string;
  expiresAt: string | null;
}

/**
 * Checks the signature, then records the announcement once (deliveries may repeat, and
 * several instances may each receive it); `first` is true for the one delivery that recorded it.
 */
export async function receiveAnnouncement(rawBody: string, signature: string | null): Promise<{ change: ConfigChange; first: boolean }> {
  if (!verifyBodySignature(env().factoryWebhookSecret, rawBody, signature)) {
    throw new AppError('unauthorized', 'invalid or missing signature');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw new AppError('bad_request', 'request body is not valid JSON');
  }
  const event = announcement.safeParse(parsed);
  if (!event.success) throw new AppError('bad_request', 'not a configuration announcement');
  const e = event.data;
  const key = { source: env().factoryUrl, version: e.version, type: e.type };
  try {
    const row = await db.configChangeEvent.create({
      data: {
        ...key,
        kind: e.kind,
        author: e.author,
        reason: e.reason,
        diff: JSON.stringify(e.diff),
        document: JSON.stringify(e.document),
        appliedAt: new Date(e.appliedAt),
        expiresAt: e.expiresAt ? new Date(e.expiresAt) : null,
      },
    });
    log.info('factory configuration change received', { version: e.version, type: e.type, author: e.author, diff: e.diff });
    return { change: toChange(row), first: true };
  } catch (error) {
    if ((error as { code?: string }).code !== 'P2002') throw error;
    const row = await db.configChangeEvent.findUniqueOrThrow({ where: { source_version_type: key } });
    return { change: toChange(row), first: false };
  }
}

function toChange(row: { id: number; version: number; type: string; kind: string; author: string; reason: string; diff: string; appliedAt: Date; expiresAt: Date | null }): ConfigChange {
  return {
    id: row.id,
    version: row.version,
    type: row.type as Announcement['type'],
    kind: row.kind,
    author: row.author,
    reason: row.reason,
    diff: JSON.parse(row.diff) as Announcement['diff'],
    appliedAt: row.appliedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** Configuration changes applied in a time window, oldest first (latency chart markers). */
export async function configChangesBetween(from: Date, to: Date): Promise<ConfigChange[]> {
  const rows = await db.configChangeEvent.findMany({ where: { appliedAt: { gte: from, lte: to } }, orderBy: { appliedAt: 'asc' } });
  return rows.map(toChange);
}
