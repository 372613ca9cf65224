import 'server-only';
import { z } from 'zod';
import { authenticateToken, bearerToken, type ApiPrincipal } from '@/lib/auth/api-tokens';
import { isAdmin, type AuthUser } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { observeRequest } from '@/lib/telemetry/http';
import { readJsonBody } from './body';
import { corsHeaders, preflight } from './cors';
import { parseOrThrow, toErrorResponse } from './errors';

/**
 * The route-handler wrapper. A route file declares which endpoint spec each method serves
 * and passes a thin handler; this module authenticates, parses and validates with the
 * spec's zod schemas, maps errors in one place, adds CORS and records the request's latency
 * under the spec's path (lib/telemetry). /api/docs is generated from the same specs, so the
 * documentation cannot drift from what the handlers accept.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** none: anyone; optional: anyone, user resolved if a token is sent; user: a token; admin: an admin's token. */
export type Access = 'none' | 'optional' | 'user' | 'admin';

type Schema = z.ZodType;

export interface EndpointSpec<
  B extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
> {
  method: Method;
  path: string;
  description: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  example: string;
  response: unknown;
}

type Infer<S> = S extends Schema ? z.output<S> : undefined;
type UserFor<A extends Access> = A extends 'user' | 'admin' ? AuthUser : AuthUser | undefined;

export interface HandlerContext<S extends EndpointSpec, A extends Access = S['access']> {
  request: Request;
  body: Infer<S['body']>;
  query: Infer<S['query']>;
  params: Infer<S['params']>;
  user: UserFor<A>;
  principal: A extends 'user' | 'admin' ? ApiPrincipal : ApiPrincipal | undefined;
}

/** A response other than 200 JSON. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
export const reply = (status: number, body: unknown) => new Reply(status, body);

function parse<S extends Schema | undefined>(schema: S, input: unknown, where: string): Infer<S> {
  return (schema ? parseOrThrow(schema, input, where) : undefined) as Infer<S>;
}

async function resolvePrincipal(request: Request, access: Access): Promise<ApiPrincipal | undefined> {
  if (access === 'none') return undefined;
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) {
    if (access === 'optional') return undefined;
    throw new AppError('unauthorized', 'unauthorized');
  }
  // On a public endpoint an expired or revoked token makes an anonymous caller, as on the old
  // service: clients keep sending the token they stored.
  if (access === 'optional') return authenticateToken(token).catch(anonymousIfUnauthorized);
  const principal = await authenticateToken(token);
  if (access === 'admin' && !isAdmin(principal.user)) throw new AppError('forbidden', 'admin only');
  return principal;
}

function anonymousIfUnauthorized(error: unknown): undefined {
  if (error instanceof AppError && error.code === 'unauthorized') return undefined;
  throw error;
}

type RouteContext = { params?: Promise<Record<string, string | string[]>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

export function json(request: Request, status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { ...corsHeaders(request), 'Cache-Control': 'no-store' } });
}

export interface BoundHandler {
  spec: EndpointSpec;
  run: RouteHandler;
}

export function handler<S extends EndpointSpec>(
  spec: S,
  fn: (ctx: HandlerContext<S>) => Promise<unknown>,
): BoundHandler {
  const serve: RouteHandler = async (request, context) => {
    try {
      const principal = await resolvePrincipal(request, spec.access);
      const url = new URL(request.url);
      const ctx = {
        request,
        principal,
        user: principal?.user,
        params: parse(spec.params, (await context.params) ?? {}, 'path'),
        query: parse(spec.query, Object.fromEntries(url.searchParams), 'query'),
        body: spec.body ? parse(spec.body, await readJsonBody(request), 'body') : undefined,
      } as HandlerContext<S>;
      const result = await fn(ctx);
      if (result instanceof Response) {
        // Not JSON (e.g. a Markdown download): passed through with the CORS headers.
        for (const [name, value] of Object.entries(corsHeaders(request))) result.headers.set(name, value);
        return result;
      }
      return result instanceof Reply ? json(request, result.status, result.body) : json(request, 200, result);
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return json(request, status, body);
    }
  };
  const route = { series: spec.path, method: spec.method };
  const run: RouteHandler = (request, context) => observeRequest(request, route, () => serve(request, context));
  return { spec, run };
}

const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** A JSON 405 naming the methods served (`allowed`, e.g. "GET, POST"); Next would answer an empty one. */
export function notAllowed(allowed: string): RouteHandler {
  return async (request) => {
    const response = json(request, 405, { message: `${request.method} is not supported here; use ${allowed}` });
    response.headers.set('Allow', `${allowed}, OPTIONS`);
    return response;
  };
}
export type RouteExports = Record<(typeof ROUTE_METHODS)[number], RouteHandler> & { OPTIONS: (request: Request) => Response };

/**
 * Builds a route file's exports: one handler per method it serves, a JSON 405 for every
 * other method (Next would answer an empty 405), and the CORS preflight.
 */
export function routes(methods: Partial<Record<Method, BoundHandler>>): RouteExports {
  const refuse = notAllowed(Object.keys(methods).join(', '));
  const out = Object.fromEntries(ROUTE_METHODS.map((m) => [m, refuse])) as Record<string, RouteHandler>;
  for (const [method, bound] of Object.entries(methods)) {
    if (bound.spec.method !== method) throw new Error(`${bound.spec.path}: spec is ${bound.spec.method}, exported as ${method}`);
    out[method] = bound.run;
  }
  return { ...(out as RouteExports), OPTIONS: preflight };
}
