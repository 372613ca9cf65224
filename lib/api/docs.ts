import { env } from '@/lib/env';
import { requestOrigin } from '@/lib/http/origin';
import { webhookExamples } from '@/lib/telemetry/notify/body';
import { api, API_VERSION, EXAMPLE_INCIDENT } from './endpoints';

/**
 * GET /api/docs, generated from the endpoint specs. Names the factory URL only: no secrets, no DB
 * host. That is the factory's public address, for browsers, never the store's loopback one.
 */
export function apiDocs(request: Pick<Request, 'headers'>) {
  return {
    version: API_VERSION,
    endpoints: Object.values(api).map((e) => ({
      method: e.method,
      path: e.path,
      description: e.description,
      example: e.example,
      response: e.response,
      ...(e.access === 'none' || e.access === 'optional' ? {} : { requiresAuth: true }),
    })),
    config: { factory: env().factoryPublicUrl ?? `${requestOrigin(request.headers, env().publicUrl)}/factory` },
    webhook: {
      description:
        'ALERT_WEBHOOK_URL receives one POST (application/json) when an incident opens (event incident.firing) and one when it resolves (incident.resolved), retried with exponential backoff. ALERT_WEBHOOK_FORMAT=generic (default) sends `generic`; slack sends a Slack incoming-webhook message',
      ...webhookExamples(EXAMPLE_INCIDENT),
    },
  };
}
