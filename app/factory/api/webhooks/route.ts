import { z } from 'zod';
import { factoryAdminRoute, preflight, readJsonBody } from '@/lib/factory/http';
import { listWebhooks, subscribe } from '@/lib/factory/webhooks';
import { parseOrThrow } from '@/lib/http/errors';

const subscription = z
  .object({ url: z.url({ protocol: /^https?$/ }).max(500), secret: z.string().min(24).max(200).optional() })
  .strict();

export const GET = factoryAdminRoute(async () => ({ webhooks: await listWebhooks() }));
export const POST = factoryAdminRoute(async (request) => {
  const body = parseOrThrow(subscription, await readJsonBody(request), 'body');
  return subscribe(body.url, body.secret);
});
export const OPTIONS = preflight;
