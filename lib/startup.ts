import 'server-only';
import { purgeExpiredApiTokens } from '@/lib/auth/api-tokens';
import { migrate } from '@/lib/db/migrate';
import { env } from '@/lib/env';
import { startFactory } from '@/lib/factory/bootstrap';
import { captureConsoleErrors, log } from '@/lib/log';
import { startFulfilmentWorker } from '@/lib/store/fulfilment';
import { seed } from '@/lib/store/seed';
import { startTelemetry } from '@/lib/telemetry/start';

/**
 * The host's start-up: it owns both services, so it is the one place that may start the
 * store and the factory side by side. They still talk only over HTTP.
 */
export async function startApp(): Promise<void> {
  captureConsoleErrors();
  try {
    const config = env();
    const applied = await migrate(config.databaseKind, config.databaseUrl);
    log.info('database ready', { engine: config.databaseKind, applied });
    startTelemetry();
    await seed();
    if (config.factoryEmbedded) {
      await startFactory({
        storeVendorKey: config.factoryApiKey,
        storeWebhook: { url: `http://127.0.0.1:${config.port}/api/factory/events`, secret: config.factoryWebhookSecret },
      });
    }
    await purgeExpiredApiTokens();
    startFulfilmentWorker();
    log.info('app started', { port: config.port, factory: config.factoryUrl });
  } catch (error) {
    log.error('start-up failed', { err: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}
