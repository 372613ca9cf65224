import { startChaos } from '@/lib/factory/chaos';
import { factoryBaseUrl, factoryRoute, preflight } from '@/lib/factory/http';
import { authenticateVendor } from '@/lib/factory/vendors';

export const PUT = factoryRoute(async (request, params) => {
  const vendor = await authenticateVendor(request.headers.get('authorization'));
  return startChaos(vendor, String(params.type), factoryBaseUrl(request));
});
export const OPTIONS = preflight;
