import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from '@/lib/api/endpoints';

/**
 * /api/docs is generated from lib/api/endpoints.ts. This checks that every documented
 * endpoint is really served: a route file at the matching path whose handler for that
 * method is built from that spec.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The route file for an API path. `:param` matches the one dynamic segment at that level, as in Next. */
function routeFile(apiPath: string): string | undefined {
  let dir = path.join(ROOT, 'app');
  for (const segment of apiPath.split('/').filter(Boolean)) {
    if (!segment.startsWith(':')) {
      dir = path.join(dir, segment);
      continue;
    }
    const exact = path.join(dir, `[${segment.slice(1)}]`);
    if (existsSync(exact)) {
      dir = exact;
      continue;
    }
    const dynamic = existsSync(dir) ? readdirSync(dir).filter((n) => /^\[[^.[\]]+\]$/.test(n)) : [];
    if (dynamic.length !== 1) return undefined;
    dir = path.join(dir, dynamic[0]!);
  }
  const file = path.join(dir, 'route.ts');
  return existsSync(file) ? file : undefined;
}

describe('API docs cannot drift from the routes', () => {
  const specs = Object.entries(api);

  it('covers the whole contract', () => {
    const paths = specs.map(([, s]) => `${s.method} ${s.path}`).sort();
    expect(paths).toEqual(
      [
        'POST /api/auth',
        'PUT /api/auth',
        'DELETE /api/auth',
        'GET /api/user/me',
        'PUT /api/user/:userId',
        'GET /api/user',
        'DELETE /api/user/:userId',
        'GET /api/order/menu',
        'PUT /api/order/menu',
        'GET /api/order',
        'GET /api/order/:orderId',
        'POST /api/order',
        'GET /api/franchise',
        'GET /api/franchise/:userId',
        'POST /api/franchise',
        'DELETE /api/franchise/:franchiseId',
        'POST /api/franchise/:franchiseId/store',
        'DELETE /api/franchise/:franchiseId/store/:storeId',
        'GET /api/alerts',
        'PUT /api/alerts/:id',
        'DELETE /api/alerts/:id',
        'GET /api/incidents',
        'GET /api/incidents/:id',
        'POST /api/incidents/:id/ack',
        'PUT /api/incidents/:id/ack',
        'GET /api/incidents/:id/postmortem',
      ].sort(),
    );
  });

  it.each(specs)('%s has a route file serving it', (name, spec) => {
    const file = routeFile(spec.path);
    expect(file, `no route file for ${spec.path}`).toBeDefined();
    const source = readFileSync(file!, 'utf8');
    expect(source).toMatch(new RegExp(`\\b${spec.method}\\s*:\\s*handler\\(\\s*api\\.${name}\\b`));
  });

  it('GET /api/franchise/:userId is served by app/api/franchise/[franchiseId]/route.ts', () => {
    expect(routeFile('/api/franchise/:userId')).toBe(path.join(ROOT, 'app/api/franchise/[franchiseId]/route.ts'));
  });
});
