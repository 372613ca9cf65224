import { z } from 'zod';
import { factoryAdminRoute, preflight } from '@/lib/factory/http';
import { unsubscribe } from '@/lib/factory/webhooks';
import { parseOrThrow } from '@/lib/http/errors';

const params = z.object({ id: z.coerce.number().int().positive() });

export const DELETE = factoryAdminRoute(async (_request, raw) => {
  await unsubscribe(parseOrThrow(params, raw, 'path').id);
  return { message: 'webhook deleted' };
});
export const OPTIONS = preflight;
