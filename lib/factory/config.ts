import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { deliverNow } from './webhooks';

/**
 * The factory's behaviour as a versioned document. Every change is validated against the
 * schema and the safe envelope *before* anything applies, lands whole as a new version
 * (optimistic concurrency: a version number can be taken only once), and is announced to
 * subscribers through the outbox in the same transaction, delivered as soon as it commits.
 *
 * Changes outside the envelope are refused unless they are an explicit experiment with an
 * expiry of at most an hour; an expired experiment is reverted by whichever instance reads
 * the configuration first after expiry (or the sweeper), and the revert is a version too.
 */

export const configDocument = z
  .object({
    processingDelayMs: z.number().int().min(0).max(120_000),
    failureRate: z.number().min(0).max(1),
    badJwtRate: z.number().min(0).max(1),
    maxItemsPerOrder: z.number().int().min(1).max(100),
    tokenTtlSeconds: z.number().int().min(60).max(90 * 86_400),
  })
  .strict();
export type ConfigDocument = z.infer<typeof configDocument>;

export const DEFAULT_CONFIG: ConfigDocument = {
  processingDelayMs: 0,
  failureRate: 0,
  badJwtRate: 0,
  maxItemsPerOrder: 20,
  tokenTtlSeconds: 30 * 86_400,
};

export const MAX_EXPERIMENT_MS = 60 * 60_000;

export type VersionKind = 'initial' | 'change' | 'rollback' | 'experiment' | 'revert';

export interface DiffEntry {
  path: string;
  from: unknown;
  to: unknown;
}

export interface ConfigVersion {
  version: number;
  document: ConfigDocument;
  diff: DiffEntry[];
  author: string;
  reason: string;
  kind: VersionKind;
  createdAt: string;
  /** For an experiment: when it reverts by itself, and to which version. */
  expiresAt: string | null;
  revertsTo: number | null;
}

export interface Problem {
  path: string;
  message: string;
}

export function diffDocuments(from: ConfigDocument, to: ConfigDocument): DiffEntry[] {
  return (Object.keys(to) as (keyof ConfigDocument)[])
    .filter((key) => from[key] !== to[key])
    .map((key) => ({ path: key, from: from[key], to: to[key] }));
}

/** The safety rules. Each problem says what would happen, in words for a tired on-call engineer. */
export function envelopeProblems(doc: ConfigDocument): Problem[] {
  const limits = env().factorySafeEnvelope;
  const problems: Problem[] = [];
  if (doc.processingDelayMs > limits.maxProcessingDelayMs) {
    problems.push({
      path: 'processingDelayMs',
      message: `processingDelayMs ${doc.processingDelayMs} is above the safe limit of ${limits.maxProcessingDelayMs} ms: every pizza would take ${(doc.processingDelayMs / 1000).toFixed(1)} s to make. To rehearse a slow factory on purpose, send it as an experiment with an expiry.`,
    });
  }
  const rate = (path: 'failureRate' | 'badJwtRate', limit: number, what: string) => {
    if (doc[path] > limit) {
      problems.push({
        path,
        message: `${path} ${doc[path]} is above the safe limit of ${limit}: ${Math.round(doc[path] * 100)}% of orders would ${what}. To rehearse this on purpose, send it as an experiment with an expiry.`,
      });
    }
  };
  rate('failureRate', limits.maxFailureRate, 'fail with a 500');
  rate('badJwtRate', limits.maxBadJwtRate, 'get a pizza whose signature does not verify');
  return problems;
}

const unprocessable = (message: string, problems: Problem[]) => new AppError('unprocessable', message, problems);

function toVersion(row: {
  version: number;
  document: string;
  diff: string;
  author: string;
  reason: string;
  kind: string;
  createdAt: Date;
  expiresAt: Date | null;
  revertsTo: number | null;
}): ConfigVersion {
  return {
    version: row.version,
    document: configDocument.parse(JSON.parse(row.document)),
    diff: JSON.parse(row.diff) as DiffEntry[],
    author: row.author,
    reason: row.reason,
    kind: row.kind as VersionKind,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revertsTo: row.revertsTo,
  };
}

/** An experiment is running when the newest version is one and has not expired. */
export function activeExperiment(current: ConfigVersion, now = Date.now()): boolean {
  return current.kind === 'experiment' && current.expiresAt !== null && Date.parse(current.expiresAt) > now;
}

export type AnnouncementType = 'config.applied' | 'experiment.started' | 'experiment.ended';

export function announcementType(kind: VersionKind): AnnouncementType {
  if (kind === 'experiment') return 'experiment.started';
  if (kind === 'revert') return 'experiment.ended';
  return 'config.applied';
}

interface NewVersion {
  document: ConfigDocument;
  author: string;
  reason: string;
  kind: VersionKind;
  expiresAt?: Date;
  revertsTo?: number;
  endToken?: string;
}

/**
 * Writes version `expected + 1`, and queues an announcement to every webhook, in one
 * transaction. Fails with 409 when someone else wrote that version first.
 */
async function writeVersion(previous: ConfigVersion | null, next: NewVersion): Promise<ConfigVersion> {
  const version = (previous?.version ?? 0) + 1;
  const diff = diffDocuments(previous?.document ?? next.document, next.document);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.factoryConfigVersion.create({
        data: {
          version,
          document: JSON.stringify(next.document),
          diff: JSON.stringify(diff),
          author: next.author,
          reason: next.reason,
          kind: next.kind,
          expiresAt: next.expiresAt,
          revertsTo: next.revertsTo,
          endToken: next.endToken,
        },
      });
      const announced = toVersion(created);
      const body = JSON.stringify({ type: announcementType(announced.kind), ...announced, appliedAt: announced.createdAt });
      const webhooks = await tx.factoryWebhook.findMany({ select: { id: true } });
      if (webhooks.length && next.kind !== 'initial') {
        await tx.factoryWebhookDelivery.createMany({ data: webhooks.map((w) => ({ webhookId: w.id, version, body })) });
      }
      return created;
    });
    invalidateConfigCache();
    if (next.kind !== 'initial') deliverNow();
    const written = toVersion(row);
    log.info('factory configuration applied', { version, kind: next.kind, author: next.author, diff });
    return written;
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      invalidateConfigCache(); // another instance wrote it: our cached version is behind
      throw new AppError('conflict', `version ${version} was just written by someone else; reload and try again`);
    }
    throw error;
  }
}

async function newestVersion(): Promise<ConfigVersion | null> {
  const row = await db.factoryConfigVersion.findFirst({ orderBy: { version: 'desc' } });
  return row ? toVersion(row) : null;
}

/** Ends an expired experiment by writing the revert. Safe to race: one writer wins. */
async function revertIfExpired(current: ConfigVersion): Promise<ConfigVersion> {
  if (current.kind !== 'experiment' || current.expiresAt === null || Date.parse(current.expiresAt) > Date.now()) return current;
  try {
    return await revertExperiment(current, 'factory (experiment expired)', `experiment v${current.version} reached its expiry`);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return (await newestVersion()) ?? current;
    throw error;
  }
}

async function revertExperiment(experiment: ConfigVersion, author: string, reason: string): Promise<ConfigVersion> {
  const base = await db.factoryConfigVersion.findUnique({ where: { version: experiment.revertsTo ?? 0 } });
  const document = base ? toVersion(base).document : DEFAULT_CONFIG;
  return writeVersion(experiment, { document, author, reason, kind: 'revert', revertsTo: experiment.revertsTo ?? undefined });
}

const CONFIG_CACHE_MS = 1_000;
const globalForConfig = globalThis as unknown as { __jwtPizzaFactoryConfig?: { at: number; value: Promise<ConfigVersion> } };

function invalidateConfigCache(): void {
  globalForConfig.__jwtPizzaFactoryConfig = undefined;
}

/**
 * The configuration as the database has it now, for writers: another instance may have
 * written a version since this one filled its cache. Refreshes the cache too.
 */
function freshConfig(): Promise<ConfigVersion> {
  invalidateConfigCache();
  return currentConfig();
}

/** The configuration in force. Cached for a second; an expired experiment is reverted on read. */
export function currentConfig(): Promise<ConfigVersion> {
  const hit = globalForConfig.__jwtPizzaFactoryConfig;
  if (hit && Date.now() - hit.at < CONFIG_CACHE_MS) return hit.value;
  const value = (async () => {
    const newest = await newestVersion();
    if (!newest) {
      try {
        return await writeVersion(null, { document: DEFAULT_CONFIG, author: 'factory', reason: 'initial configuration', kind: 'initial' });
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') return (await newestVersion()) as ConfigVersion;
        throw error;
      }
    }
    return revertIfExpired(newest);
  })();
  globalForConfig.__jwtPizzaFactoryConfig = { at: Date.now(), value };
  value.catch(invalidateConfigCache);
  return value;
}

export const changeRequest = z
  .object({
    changes: configDocument.partial().strict().optional(),
    reason: z.string().trim().min(3, 'say why, in a few words').max(500),
    author: z.string().trim().min(1).max(120).optional(),
    expectedVersion: z.number().int().positive().optional(),
    experiment: z
      .object({
        reason: z.string().trim().min(3).max(500).optional(),
        expiresAt: z.iso.datetime({ offset: true }).or(z.date().transform((d) => d.toISOString())),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ChangeRequest = z.infer<typeof changeRequest>;

/** Accepts either the documented form or the document's fields at the top level. */
export function normaliseChangeRequest(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || 'changes' in body) return body;
  const { reason, author, expectedVersion, experiment, ...changes } = body as Record<string, unknown>;
  return { reason, author, expectedVersion, experiment, changes };
}

/** Applies a change, or starts an experiment, after validation. */
export async function applyChange(request: ChangeRequest, fallbackAuthor: string): Promise<ConfigVersion> {
  const author = request.author ?? fallbackAuthor;
  const current = await freshConfig();
  if (request.expectedVersion !== undefined && request.expectedVersion !== current.version) {
    throw new AppError('conflict', `the configuration is at version ${current.version}, not ${request.expectedVersion}; reload and try again`);
  }
  if (activeExperiment(current)) {
    throw new AppError('conflict', `experiment v${current.version} is running until ${current.expiresAt}; end it first`);
  }
  const document = configDocument.parse({ ...current.document, ...request.changes });
  if (diffDocuments(current.document, document).length === 0) {
    throw unprocessable('nothing would change', [{ path: 'changes', message: 'the requested values are already in force' }]);
  }
  if (request.experiment) {
    const expiresAt = new Date(request.experiment.expiresAt);
    const ms = expiresAt.getTime() - Date.now();
    if (ms <= 0 || ms > MAX_EXPERIMENT_MS) {
      throw unprocessable('invalid experiment', [
        { path: 'experiment.expiresAt', message: 'an experiment must end in the future and at most 1 hour from now' },
      ]);
    }
    return writeVersion(current, {
      document,
      author,
      reason: request.experiment.reason ?? request.reason,
      kind: 'experiment',
      expiresAt,
      revertsTo: current.version,
      endToken: randomBytes(24).toString('base64url'),
    });
  }
  const problems = envelopeProblems(document);
  if (problems.length) throw unprocessable(`refused: ${problems.map((p) => p.message).join(' ')}`, problems);
  return writeVersion(current, { document, author, reason: request.reason, kind: 'change' });
}

/** Goes back to an earlier version's document, as a new version. */
export async function rollback(toVersion_: number, reason: string, author: string, expectedVersion?: number): Promise<ConfigVersion> {
  const current = await freshConfig();
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new AppError('conflict', `the configuration is at version ${current.version}, not ${expectedVersion}; reload and try again`);
  }
  if (activeExperiment(current)) {
    throw new AppError('conflict', `experiment v${current.version} is running; end it instead of rolling back`);
  }
  const target = await db.factoryConfigVersion.findUnique({ where: { version: toVersion_ } });
  if (!target) throw new AppError('not_found', `version ${toVersion_} not found`);
  const document = toVersion(target).document;
  const problems = envelopeProblems(document);
  if (problems.length) throw unprocessable(`refused: version ${toVersion_} is outside the safe envelope`, problems);
  return writeVersion(current, { document, author, reason, kind: 'rollback', revertsTo: toVersion_ });
}

/** Ends the running experiment now. */
export async function endExperiment(author: string, reason: string): Promise<ConfigVersion> {
  const current = await freshConfig();
  if (!activeExperiment(current)) throw new AppError('conflict', 'no experiment is running');
  return revertExperiment(current, author, reason);
}

/** Ends the experiment that a chaos reportUrl names. */
export async function endExperimentByToken(token: string): Promise<ConfigVersion> {
  const experiment = await db.factoryConfigVersion.findUnique({ where: { endToken: token } });
  if (!experiment) throw new AppError('not_found', 'unknown report link');
  const current = await freshConfig();
  if (current.version !== experiment.version || !activeExperiment(current)) {
    throw new AppError('conflict', 'that drill has already ended');
  }
  return revertExperiment(current, 'chaos report link', `drill v${experiment.version} reported and ended`);
}

export async function endTokenOf(version: number): Promise<string | null> {
  return (await db.factoryConfigVersion.findUnique({ where: { version }, select: { endToken: true } }))?.endToken ?? null;
}

export async function configHistory(limit = 50): Promise<ConfigVersion[]> {
  const rows = await db.factoryConfigVersion.findMany({ orderBy: { version: 'desc' }, take: limit });
  return rows.map(toVersion);
}
