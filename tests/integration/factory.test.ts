import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, decodeJwt, FACTORY_API_KEY, targets } from './support';

const pizzaOrder = (items = [{ menuId: 1, description: 'Veggie', price: 0.0038 }]) => ({
  diner: { id: 7, name: 'pizza diner', email: 'd@jwt.com' },
  order: { id: 42, franchiseId: 1, storeId: 1, items },
});

describe.each(targets())('pizza factory on $name', (t) => {
  const make = (body: unknown, key: string | null = FACTORY_API_KEY) => call(t, 'POST', '/factory/api/order', { token: key ?? undefined, body });

  describe('POST /factory/api/order', () => {
    it('makes a pizza for a vendor key: an RS256 JWT carrying vendor, diner and order', async () => {
      const res = await make(pizzaOrder());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ jwt: expect.any(String) });
      const keys = (await call(t, 'GET', '/factory/.well-known/jwks.json')).body;
      const { payload, protectedHeader } = await jwtVerify(res.body.jwt, createLocalJWKSet(keys), { algorithms: ['RS256'] });
      expect(protectedHeader.kid).toEqual(expect.any(String));
      expect(payload).toMatchObject({ vendor: { id: expect.any(Number), name: expect.any(String) }, ...pizzaOrder() });
      expect(payload.iss).toEqual(expect.any(String));
      expect(payload.exp! - payload.iat!).toBeGreaterThan(0);
    });

    it('without a key or with a wrong key → 401', async () => {
      expect((await make(pizzaOrder(), null)).status).toBe(401);
      expect((await make(pizzaOrder(), 'wrong-key-wrong-key-wrong-key')).status).toBe(401);
      expect((await make(pizzaOrder(), `${FACTORY_API_KEY}x`)).status).toBe(401);
    });

    it('missing fields → 400', async () => {
      for (const body of [{}, { diner: pizzaOrder().diner }, { order: pizzaOrder().order }, { ...pizzaOrder(), diner: { id: 7 } }]) {
        expect((await make(body)).status, JSON.stringify(body)).toBe(400);
      }
      expect((await call(t, 'POST', '/factory/api/order', { token: FACTORY_API_KEY, raw: '{nope' })).status).toBe(400);
    });

    it('an order of 0 or 21 items → 503 {message}; 20 are made', async () => {
      const none = await make(pizzaOrder([]));
      expect(none.status).toBe(503);
      expect(none.body).toEqual({ message: expect.any(String) });
      const item = { menuId: 1, description: 'Veggie', price: 0.0038 };
      const tooMany = await make(pizzaOrder(Array(21).fill(item)));
      expect(tooMany.status).toBe(503);
      expect(tooMany.body).toEqual({ message: expect.any(String) });
      expect((await make(pizzaOrder(Array(20).fill(item)))).status).toBe(200);
    });
  });

  describe('POST /factory/api/order/verify', () => {
    it("a genuine pizza → 200 {message: 'valid', payload}", async () => {
      const { jwt } = (await make(pizzaOrder())).body;
      const res = await call(t, 'POST', '/factory/api/order/verify', { body: { jwt } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'valid', payload: decodeJwt(jwt).payload });
    });

    it("tampered, re-signed, alg:none or garbage pizzas → 403 {message: 'invalid'}", async () => {
      const { jwt } = (await make(pizzaOrder())).body;
      const [header, payload, signature] = jwt.split('.') as [string, string, string];
      const claims = decodeJwt(jwt).payload;
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const cheaper = `${header}.${b64({ ...claims, order: { ...claims.order, items: [{ menuId: 1, description: 'Veggie', price: 0 }] } })}.${signature}`;
      const flipped = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      // Same claims and kid, signed with an attacker's key.
      const attacker = await generateKeyPair('RS256', { extractable: true });
      const resigned = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: decodeJwt(jwt).header.kid as string }).sign(attacker.privateKey);
      // HS256 "signed" with the public key: the classic algorithm-confusion forgery.
      const publicJwk = (await call(t, 'GET', '/factory/.well-known/jwks.json')).body.keys[0];
      const confused = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid })
        .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
      expect(await exportJWK(attacker.publicKey)).toHaveProperty('n');

      for (const forged of [cheaper, flipped, algNone, resigned, confused, 'not.a.jwt', 'garbage']) {
        const res = await call(t, 'POST', '/factory/api/order/verify', { body: { jwt: forged } });
        expect(res.status, forged.slice(0, 40)).toBe(403);
        expect(res.body).toEqual({ message: 'invalid' });
      }
    });

    it('a missing jwt → 400', async () => {
      expect((await call(t, 'POST', '/factory/api/order/verify', { body: {} })).status).toBe(400);
      expect((await call(t, 'POST', '/factory/api/order/verify', { body: { jwt: 42 } })).status).toBe(400);
    });
  });

  describe('GET /factory/.well-known/jwks.json', () => {
    it('publishes RSA signing keys with kid, n, e, alg RS256 and use sig, and no private parts', async () => {
      const res = await call(t, 'GET', '/factory/.well-known/jwks.json');
      expect(res.status).toBe(200);
      expect(res.body.keys.length).toBeGreaterThan(0);
      for (const key of res.body.keys) {
        expect(key).toMatchObject({ kty: 'RSA', kid: expect.any(String), n: expect.any(String), e: expect.any(String), alg: 'RS256', use: 'sig' });
        for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
      }
      expect(new Set(res.body.keys.map((k: { kid: string }) => k.kid)).size).toBe(res.body.keys.length);
    });
  });
});
