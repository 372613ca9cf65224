import 'server-only';
import { corsHeaders, preflight } from '@/lib/http/cors';
import { toErrorResponse } from '@/lib/http/errors';
import { assertFactoryAdmin } from './admin-auth';

type Params = Record<string, string | string[]>;
type Context = { params?: Promise<Params> };

/** The factory's own thin route wrapper: JSON in and out, CORS, errors mapped as {message}. */
export function factoryRoute(fn: (request: Request, params: Params) => Promise<unknown>) {
  return async (request: Request, context?: Context): Promise<Response> => {
    try {
      const body = await fn(request, (await context?.params) ?? {});
      return Response.json(body, { headers: { ...corsHeaders(request), 'Cache-Control': 'no-store' } });
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return Response.json(body, { status, headers: corsHeaders(request) });
    }
  };
}

/** The same, for the admin API: the factory admin key is required. */
export function factoryAdminRoute(fn: (request: Request, params: Params) => Promise<unknown>) {
  return factoryRoute(async (request, params) => {
    assertFactoryAdmin(request.headers.get('authorization'));
    return fn(request, params);
  });
}

/** This factory's public base URL, as the caller reached it. */
export function factoryBaseUrl(request: Request): string {
  return `${new URL(request.url).origin}/factory`;
}

export { preflight };
export { readJsonBody } from '@/lib/http/body';
