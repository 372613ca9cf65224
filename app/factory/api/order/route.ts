import { factoryRoute, preflight, readJsonBody } from '@/lib/factory/http';
import { makePizza, pizzaRequest } from '@/lib/factory/pizza';
import { authenticateVendor } from '@/lib/factory/vendors';
import { parseOrThrow } from '@/lib/http/errors';

export const POST = factoryRoute(async (request) => {
  const vendor = await authenticateVendor(request.headers.get('authorization'));
  return makePizza(vendor, parseOrThrow(pizzaRequest, await readJsonBody(request), 'body'), request.signal);
});
export const OPTIONS = preflight;
