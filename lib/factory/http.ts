import 'server-only';
import { corsHeaders, preflight } from '@/lib/http/cors';
import { toErrorResponse } from '@/lib/http/errors';

/** The factory's own thin route wrapper: JSON in and out, CORS, errors mapped as {message}. */
export function factoryRoute(fn: (request: Request) => Promise<unknown>) {
  return async (request: Request): Promise<Response> => {
    try {
      const body = await fn(request);
      return Response.json(body, { headers: { ...corsHeaders(request), 'Cache-Control': 'no-store' } });
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return Response.json(body, { status, headers: corsHeaders(request) });
    }
  };
}

export { preflight };
export { readJsonBody } from '@/lib/http/body';

