import { configHistory } from '@/lib/factory/config';
import { factoryAdminRoute, preflight } from '@/lib/factory/http';

export const GET = factoryAdminRoute(async () => ({ versions: await configHistory() }));
export const OPTIONS = preflight;
