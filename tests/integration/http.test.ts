import { describe, expect, it } from 'vitest';
import { api, API_VERSION } from '@/lib/api/endpoints';
import { ADMIN_PASSWORD, AUTH_SECRET, FACTORY_API_KEY, adminToken, assertNoLeak, call, createFranchise, registerUser, targets } from './support';

const ORIGIN = 'https://pizza.example.com';

describe.each(targets())('HTTP conventions on $name', (t) => {
  describe('bad input gives a 4xx JSON {message}, never a stack trace', () => {
    it('malformed JSON → 400', async () => {
      for (const [method, path] of [
        ['POST', '/api/auth'],
        ['PUT', '/api/auth'],
        ['POST', '/api/order'],
      ] as const) {
        const diner = await registerUser(t, 'malformed');
        const res = await call(t, method, path, { token: diner.token, raw: '{"email": "a@b.c", "password": ' });
        expect(res.status, `${method} ${path}`).toBe(400);
        expect(res.body.message).toMatch(/JSON/);
      }
    });

    it('wrong types → 400', async () => {
      expect((await call(t, 'POST', '/api/auth', { body: { name: 42, email: ['x'], password: { p: 1 } } })).status).toBe(400);
      expect((await call(t, 'PUT', '/api/auth', { body: { email: 'a@b.co', password: 12345678 } })).status).toBe(400);
      expect((await call(t, 'POST', '/api/auth', { raw: 'null' })).status).toBe(400);
      expect((await call(t, 'POST', '/api/auth', { raw: '[1,2,3]' })).status).toBe(400);
      expect((await call(t, 'POST', '/api/auth', { raw: '"just a string"' })).status).toBe(400);
    });

    it('an oversized body (> 64 KiB) → 413', async () => {
      const huge = JSON.stringify({ name: 'x'.repeat(70 * 1024), email: 'big@test.jwt.pizza', password: 'long-enough-pass' });
      const res = await call(t, 'POST', '/api/auth', { raw: huge });
      expect(res.status).toBe(413);
      const diner = await registerUser(t, 'huge');
      expect((await call(t, 'PUT', `/api/user/${diner.id}`, { token: diner.token, raw: huge })).status).toBe(413);
      // The server is fine afterwards.
      expect((await call(t, 'GET', '/api/user/me', { token: diner.token })).status).toBe(200);
    });

    it('non-numeric path ids → 400', async () => {
      const admin = await adminToken(t);
      const cases: [string, string][] = [
        ['GET', '/api/order/abc'],
        ['PUT', '/api/user/abc'],
        ['DELETE', '/api/user/abc'],
        ['GET', '/api/franchise/abc'],
        ['DELETE', '/api/franchise/abc'],
        ['POST', '/api/franchise/abc/store'],
        ['DELETE', '/api/franchise/1/store/abc'],
        ['GET', '/api/order/1.5'],
        ['GET', '/api/order/-1'],
        ['GET', '/api/order/0'],
      ];
      for (const [method, path] of cases) {
        const res = await call(t, method, path, { token: admin, body: method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' } });
        expect(res.status, `${method} ${path}`).toBe(400);
      }
    });

    it('unknown ids → 404', async () => {
      const admin = await adminToken(t);
      const franchise = await createFranchise(t);
      const cases: [string, string, unknown?][] = [
        ['GET', '/api/order/99999999'],
        ['PUT', '/api/user/99999999', { name: 'ghost' }],
        ['DELETE', '/api/user/99999999'],
        ['DELETE', '/api/franchise/99999999'],
        ['POST', '/api/franchise/99999999/store', { name: 'x' }],
        ['DELETE', `/api/franchise/${franchise.id}/store/99999999`],
      ];
      for (const [method, path, body] of cases) {
        const res = await call(t, method, path, { token: admin, body });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    });

    it('ids beyond the 32-bit integer range are a 4xx, not a 500', async () => {
      const admin = await adminToken(t);
      const diner = await registerUser(t, 'bigid');
      const big = 99_999_999_999;
      const cases: [string, string, string, unknown?][] = [
        [admin, 'GET', `/api/order/${big}`],
        [diner.token, 'GET', `/api/franchise/${big}`],
        [admin, 'DELETE', `/api/user/${big}`],
        [admin, 'PUT', `/api/user/${big}`, { name: 'ghost' }],
        [admin, 'DELETE', `/api/franchise/${big}`],
        [admin, 'POST', `/api/franchise/${big}/store`, { name: 'x' }],
        [admin, 'DELETE', `/api/franchise/${big}/store/${big}`],
        [diner.token, 'POST', '/api/order', { franchiseId: big, storeId: big, items: [{ menuId: big }] }],
      ];
      const answers: string[] = [];
      for (const [token, method, path, body] of cases) {
        const res = await call(t, method, path, { token, body });
        answers.push(`${method} ${path} → ${res.status >= 400 && res.status < 500 ? '4xx' : res.status}`);
      }
      expect(answers).toEqual(cases.map(([, method, path]) => `${method} ${path} → 4xx`));
    });
  });

  describe('CORS', () => {
    it.each(['/', '/api/docs', '/api/auth', '/api/order', '/api/franchise/1/store', '/api/user/me', '/factory/api/order/verify', '/factory/.well-known/jwks.json'])(
      'OPTIONS %s → 204 allowing the origin, credentials, the methods and headers',
      async (path) => {
        const res = await fetch(`${t.url}${path}`, {
          method: 'OPTIONS',
          headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,authorization' },
        });
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        expect(res.headers.get('access-control-allow-credentials')).toBe('true');
        const methods = (res.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
        expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
        const headers = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
        expect(headers).toEqual(expect.arrayContaining(['content-type', 'authorization']));
      },
    );

    it('normal and error responses carry the allowed origin, so browsers can read them', async () => {
      const headers = { Origin: ORIGIN };
      const ok = await call(t, 'GET', '/api/order/menu', { headers });
      expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
      const unauthorized = await call(t, 'GET', '/api/user/me', { headers });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const unknown = await call(t, 'GET', '/api/nothing/here', { headers });
      expect(unknown.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const login = await call(t, 'PUT', '/api/auth', { headers, body: { email: 'x@test.jwt.pizza', password: 'nope' } });
      expect(login.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const verify = await call(t, 'POST', '/factory/api/order/verify', { headers, body: { jwt: 'a.b.c' } });
      expect(verify.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });
  });

  describe('service endpoints', () => {
    it('GET / with Accept: application/json → {message, version}', async () => {
      const res = await call(t, 'GET', '/', { headers: { Accept: 'application/json' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: expect.any(String), version: API_VERSION });
    });

    it.each(['GET', 'POST', 'PUT', 'DELETE'])('%s on an unknown /api/ path → 404 {message: "unknown endpoint"}', async (method) => {
      for (const path of ['/api', '/api/x', '/api/order/menu/extra/deep', '/api/franchise/1/store/2/x']) {
        const res = await call(t, method, path, { body: method === 'GET' ? undefined : {} });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body).toEqual({ message: 'unknown endpoint' });
      }
    });

    it('a method that an existing route does not serve gives a 4xx JSON {message} with CORS, not an empty body', async () => {
      const answers: string[] = [];
      const cases: [string, string][] = [
        ['GET', '/api/auth'],
        ['PATCH', '/api/auth'],
        ['DELETE', '/api/order/menu'],
        ['POST', '/api/user/me'],
        ['PUT', '/api/franchise'],
        ['POST', '/'],
        ['DELETE', '/'],
        ['POST', '/api/docs'],
      ];
      for (const [method, path] of cases) {
        const res = await fetch(`${t.url}${path}`, { method, headers: { Origin: ORIGIN, Accept: 'application/json' } });
        const text = await res.text();
        let message: unknown;
        try {
          message = JSON.parse(text).message;
        } catch {
          message = undefined;
        }
        const ok = [404, 405].includes(res.status) && typeof message === 'string' && res.headers.get('access-control-allow-origin') === ORIGIN;
        answers.push(`${method} ${path} → ${ok ? 'ok' : `${res.status} ${JSON.stringify(text.slice(0, 60))} allow-origin=${res.headers.get('access-control-allow-origin')}`}`);
      }
      expect(answers).toEqual(cases.map(([method, path]) => `${method} ${path} → ok`));
    });

    it("the docs give the factory's address as the browser reaches it, never the store's own loopback one", async () => {
      const local = t.url.replace('127.0.0.1', 'localhost');
      const viaLocalhost = await fetch(`${local}/api/docs`).then((r) => r.json());
      expect(viaLocalhost.config).toEqual({ factory: `${local}/factory` });
      const proxied = { 'X-Forwarded-Host': 'pizza.example.com', 'X-Forwarded-Proto': 'https' };
      const viaProxy = await call(t, 'GET', '/api/docs', { headers: proxied });
      expect(viaProxy.body.config).toEqual({ factory: 'https://pizza.example.com/factory' });
      const page = await fetch(`${local}/docs`).then((r) => r.text());
      expect(page).toContain(`${local}/factory`);
      expect(page).not.toContain(`${t.url}/factory`);
    });

    it('GET /api/docs lists every endpoint and the factory URL, and leaks no secret, password, DB or path', async () => {
      const res = await call(t, 'GET', '/api/docs');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        version: API_VERSION,
        endpoints: expect.any(Array),
        config: { factory: expect.any(String) },
        webhook: { description: expect.stringContaining('ALERT_WEBHOOK_URL'), generic: expect.any(Object), slack: expect.any(Object) },
      });
      expect(res.body.config.factory).toMatch(/^https?:\/\/.+\/factory$/);
      const listed = res.body.endpoints.map((e: { method: string; path: string }) => `${e.method} ${e.path}`).sort();
      expect(listed).toEqual(Object.values(api).map((s) => `${s.method} ${s.path}`).sort());
      for (const endpoint of res.body.endpoints) {
        expect(endpoint).toMatchObject({ method: expect.any(String), path: expect.any(String), description: expect.any(String), example: expect.any(String) });
        expect(endpoint).toHaveProperty('response');
      }
      const byKey = new Map(res.body.endpoints.map((e: { method: string; path: string }) => [`${e.method} ${e.path}`, e]));
      expect(byKey.get('GET /api/user/me')).toMatchObject({ requiresAuth: true });
      expect(byKey.get('GET /api/order/menu')).not.toHaveProperty('requiresAuth');
      for (const secret of [AUTH_SECRET, ADMIN_PASSWORD, FACTORY_API_KEY, 'postgres', t.dataDir, 'DATABASE_URL', 'jwt-pizza.db']) {
        expect(res.text).not.toContain(secret);
      }
    });

    it('GET /factory/api/docs → {message, version, endpoints}, plus the configuration limits and the drill workflow', async () => {
      const res = await call(t, 'GET', '/factory/api/docs');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ message: expect.any(String), version: expect.any(String), endpoints: expect.any(Array) });
      expect(res.body.configuration.safeEnvelope.processingDelayMs).toEqual({ max: 500, setBy: 'FACTORY_SAFE_MAX_DELAY_MS' });
      expect(res.body.drill.join(' ')).toMatch(/experiment/);
      expect(res.text).not.toContain(FACTORY_API_KEY);
    });

    it('the home page is still HTML for browsers', async () => {
      const res = await fetch(`${t.url}/`, { headers: { Accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      assertNoLeak(await res.text());
    });

    it('client navigations to / get the home page, not the status JSON', async () => {
      // What the browser's router asks for when a link goes to / (it sends no text/html).
      const res = await fetch(`${t.url}/`, { headers: { Accept: '*/*', RSC: '1' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/x-component/);
      expect(await res.text()).not.toContain('welcome to JWT Pizza');
    });
  });
});
