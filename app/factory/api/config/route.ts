import { applyChange, changeRequest, currentConfig, normaliseChangeRequest } from '@/lib/factory/config';
import { factoryAdminRoute, preflight, readJsonBody } from '@/lib/factory/http';
import { parseOrThrow } from '@/lib/http/errors';

export const GET = factoryAdminRoute(() => currentConfig());
export const PUT = factoryAdminRoute(async (request) => {
  const change = parseOrThrow(changeRequest, normaliseChangeRequest(await readJsonBody(request)), 'body');
  return applyChange(change, 'factory admin');
});
export const OPTIONS = preflight;
