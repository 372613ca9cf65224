import { factoryAdminRoute, preflight } from '@/lib/factory/http';
import { rotateSigningKey } from '@/lib/factory/keys';

export const POST = factoryAdminRoute(async () => ({ keys: await rotateSigningKey() }));
export const OPTIONS = preflight;
