import { factoryDocs } from '@/lib/factory/docs';
import { factoryRoute, preflight } from '@/lib/factory/http';

export const GET = factoryRoute(async () => factoryDocs());
export const OPTIONS = preflight;
