import { z } from 'zod';
import { factoryRoute, preflight, readJsonBody } from '@/lib/factory/http';
import { checkPizza } from '@/lib/factory/pizza';
import { parseOrThrow } from '@/lib/http/errors';

const verifyRequest = z.object({ jwt: z.string().min(1).max(16_384) });

export const POST = factoryRoute(async (request) => {
  const { jwt } = parseOrThrow(verifyRequest, await readJsonBody(request), 'body');
  return checkPizza(jwt);
});
export const OPTIONS = preflight;
