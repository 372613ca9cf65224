import { factoryRoute, preflight } from '@/lib/factory/http';
import { jwks } from '@/lib/factory/keys';

export const GET = factoryRoute(() => jwks());
export const OPTIONS = preflight;
