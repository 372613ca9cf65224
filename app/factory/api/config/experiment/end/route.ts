import { z } from 'zod';
import { endExperiment } from '@/lib/factory/config';
import { factoryAdminRoute, preflight, readJsonBody } from '@/lib/factory/http';
import { parseOrThrow } from '@/lib/http/errors';

const endRequest = z
  .object({ reason: z.string().trim().min(3).max(500).default('experiment ended early'), author: z.string().trim().min(1).max(120).optional() })
  .strict();

export const POST = factoryAdminRoute(async (request) => {
  const body = parseOrThrow(endRequest, await readJsonBody(request), 'body');
  return endExperiment(body.author ?? 'factory admin', body.reason);
});
export const OPTIONS = preflight;
