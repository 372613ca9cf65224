import { z } from 'zod';
import { rollback } from '@/lib/factory/config';
import { factoryAdminRoute, preflight, readJsonBody } from '@/lib/factory/http';
import { parseOrThrow } from '@/lib/http/errors';

const rollbackRequest = z
  .object({
    version: z.number().int().positive(),
    reason: z.string().trim().min(3).max(500),
    author: z.string().trim().min(1).max(120).optional(),
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();

export const POST = factoryAdminRoute(async (request) => {
  const body = parseOrThrow(rollbackRequest, await readJsonBody(request), 'body');
  return rollback(body.version, body.reason, body.author ?? 'factory admin', body.expectedVersion);
});
export const OPTIONS = preflight;
