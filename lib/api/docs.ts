import { env } from '@/lib/env';
import { api, API_VERSION } from './endpoints';

/** GET /api/docs, generated from the endpoint specs. Names the factory URL only: no secrets, no DB host. */
export function apiDocs() {
  return {
    version: API_VERSION,
    endpoints: Object.values(api).map((e) => ({
      method: e.method,
      path: e.path,
      description: e.description,
      example: e.example,
      response: e.response,
      ...(e.access === 'none' || e.access === 'optional' ? {} : { requiresAuth: true }),
    })),
    config: { factory: env().factoryUrl },
  };
}
