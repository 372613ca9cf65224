import { factoryAdminRoute, preflight } from '@/lib/factory/http';
import { listKeys } from '@/lib/factory/keys';

export const GET = factoryAdminRoute(async () => ({ keys: await listKeys() }));
export const OPTIONS = preflight;
