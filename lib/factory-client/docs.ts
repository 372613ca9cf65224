import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/env';
import type { FactoryConfigDocument } from './admin';

/**
 * What the factory publishes about its configuration (GET /api/docs): a description of each
 * field and the safe envelope. Shown next to each value in the admin console; the factory
 * still decides, so this is advice and may be missing (an older or foreign factory).
 */
export interface FactoryConfigLimits {
  describe: Partial<Record<keyof FactoryConfigDocument, string>>;
  safeMax: Partial<Record<keyof FactoryConfigDocument, number>>;
}

const docsReply = z.object({
  configuration: z.object({
    fields: z.record(z.string(), z.string()).default({}),
    safeEnvelope: z.record(z.string(), z.object({ max: z.number() })).default({}),
  }),
});

/** The published limits, or null when the factory does not say (or cannot be reached). */
export async function factoryConfigLimits(): Promise<FactoryConfigLimits | null> {
  try {
    const response = await fetch(`${env().factoryUrl}/api/docs`, { signal: AbortSignal.timeout(env().factoryTimeoutMs * 2), cache: 'no-store' });
    const parsed = docsReply.safeParse(await response.json());
    if (!response.ok || !parsed.success) return null;
    const { fields, safeEnvelope } = parsed.data.configuration;
    return {
      describe: fields,
      safeMax: Object.fromEntries(Object.entries(safeEnvelope).map(([key, limit]) => [key, limit.max])),
    };
  } catch {
    return null;
  }
}
