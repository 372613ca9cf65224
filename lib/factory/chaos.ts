import 'server-only';
import { AppError } from '@/lib/errors';
import { applyChange, endTokenOf, type ConfigDocument } from './config';
import type { Vendor } from './vendors';

/**
 * The original factory's chaos switch, kept for old course scripts: each kind starts a
 * configuration experiment that ends by itself, or earlier through the returned reportUrl.
 */
export const CHAOS_KINDS = {
  throttle: { processingDelayMs: 32_000 },
  fail: { failureRate: 1 },
  badjwt: { badJwtRate: 1 },
} satisfies Record<string, Partial<ConfigDocument>>;
export type ChaosKind = keyof typeof CHAOS_KINDS;

export const CHAOS_DURATION_MS = 15 * 60_000;

export async function startChaos(vendor: Vendor, kind: string, factoryBaseUrl: string): Promise<{ message: string; reportUrl: string }> {
  if (!(kind in CHAOS_KINDS)) throw new AppError('bad_request', `unknown chaos type ${kind}; use throttle, fail or badjwt`);
  const expiresAt = new Date(Date.now() + CHAOS_DURATION_MS).toISOString();
  const version = await applyChange(
    {
      changes: CHAOS_KINDS[kind as ChaosKind],
      reason: `chaos drill: ${kind}`,
      author: `vendor ${vendor.name}`,
      experiment: { reason: `chaos drill: ${kind}`, expiresAt },
    },
    `vendor ${vendor.name}`,
  );
  const token = await endTokenOf(version.version);
  return {
    message: `chaos ${kind} started as experiment v${version.version}; it ends by itself at ${expiresAt}`,
    reportUrl: `${factoryBaseUrl}/api/support/${token}/report`,
  };
}
