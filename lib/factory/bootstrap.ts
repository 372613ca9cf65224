import 'server-only';
import { log } from '@/lib/log';
import { currentConfig } from './config';
import { ensureSigningKey } from './keys';
import { provisionVendor } from './vendors';
import { deliverDueWebhooks, subscribe } from './webhooks';

const SWEEP_MS = 1_000;
const globalForSweeper = globalThis as unknown as { __jwtPizzaFactorySweeper?: NodeJS.Timeout };

/**
 * Prepares the embedded factory: a signing key, the configuration, the store's vendor key
 * and webhook, and a sweeper that ends expired experiments and delivers announcements even
 * when no order arrives.
 */
export async function startFactory(options: { storeVendorKey?: string; storeWebhook?: { url: string; secret: string } }): Promise<void> {
  await ensureSigningKey();
  await currentConfig();
  if (options.storeVendorKey) await provisionVendor('JWT Pizza', options.storeVendorKey);
  if (options.storeWebhook) await subscribe(options.storeWebhook.url, options.storeWebhook.secret);
  if (globalForSweeper.__jwtPizzaFactorySweeper) return;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await currentConfig();
      await deliverDueWebhooks();
    } catch (error) {
      log.error('factory sweep failed', { err: error });
    } finally {
      running = false;
    }
  }, SWEEP_MS);
  timer.unref();
  globalForSweeper.__jwtPizzaFactorySweeper = timer;
}
