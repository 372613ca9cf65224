import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, AUTH_SECRET, call, decodeJwt, login, registerUser, targets, uniqueEmail } from './support';

/** The REST token key, as the server derives it from AUTH_SECRET. */
const tokenKey = createHash('sha256').update(`api-token:${AUTH_SECRET}`).digest();

describe.each(targets())('auth on $name', (t) => {
  describe('register (POST /api/auth)', () => {
    it('creates a diner and returns the user and a working token', async () => {
      const email = uniqueEmail('reg');
      const res = await call(t, 'POST', '/api/auth', { body: { name: 'pizza diner', email, password: 'diner-password' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: expect.any(Number), name: 'pizza diner', email, roles: [{ role: 'diner' }] },
        token: expect.any(String),
      });
      expect(res.text).not.toContain('diner-password');
      expect(res.text).not.toContain('passwordHash');
      const me = await call(t, 'GET', '/api/user/me', { token: res.body.token });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(res.body.user);
    });

    it('stores emails in lower case, so sign-in is case-insensitive', async () => {
      const email = uniqueEmail('case');
      const res = await call(t, 'POST', '/api/auth', { body: { name: 'Case', email: email.toUpperCase(), password: 'case-password' } });
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(email);
      expect((await login(t, email, 'case-password')).status).toBe(200);
    });

    it.each(['name', 'email', 'password'])('a missing %s gives 400 naming it', async (field) => {
      const body: Record<string, string> = { name: 'x', email: uniqueEmail('missing'), password: 'long-enough-pass' };
      delete body[field];
      const res = await call(t, 'POST', '/api/auth', { body });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
    });

    it('a duplicate email gives 409, whatever its case', async () => {
      const user = await registerUser(t, 'dup');
      const again = await call(t, 'POST', '/api/auth', { body: { name: 'other', email: user.email, password: 'another-password' } });
      expect(again.status).toBe(409);
      const upper = await call(t, 'POST', '/api/auth', { body: { name: 'other', email: user.email.toUpperCase(), password: 'another-password' } });
      expect(upper.status).toBe(409);
      // The first account is untouched.
      expect((await login(t, user.email, user.password)).status).toBe(200);
      expect((await login(t, user.email, 'another-password')).status).toBe(401);
    });

    it('two simultaneous registrations with one email: exactly one succeeds, the other gets 409', async () => {
      const email = uniqueEmail('race');
      const attempts = await Promise.all(
        [1, 2, 3].map((n) => call(t, 'POST', '/api/auth', { body: { name: `racer ${n}`, email, password: `race-password-${n}` } })),
      );
      expect(attempts.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const winner = attempts.find((r) => r.status === 200)!;
      const n = winner.body.user.name.split(' ')[1];
      expect((await login(t, email, `race-password-${n}`)).status).toBe(200);
    });

    it('refuses a short password and a bad email with 400', async () => {
      expect((await call(t, 'POST', '/api/auth', { body: { name: 'x', email: uniqueEmail('short'), password: 'short' } })).status).toBe(400);
      const bad = await call(t, 'POST', '/api/auth', { body: { name: 'x', email: 'not-an-email', password: 'long-enough-pass' } });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('email');
    });

    it('refuses a password of only spaces and an empty email, saying why', async () => {
      const blank = await call(t, 'POST', '/api/auth', { body: { name: 'x', email: uniqueEmail('blank'), password: ' '.repeat(8) } });
      expect(blank.status).toBe(400);
      expect(blank.body.message).toBe('invalid body: password: must not be only spaces');
      const empty = await call(t, 'POST', '/api/auth', { body: { name: 'x', email: '', password: 'long-enough-pass' } });
      expect(empty.status).toBe(400);
      expect(empty.body.message).toBe('invalid body: email: is required');
    });

    it('says a missing field is required and a wrong type what was expected, not how the validator puts it', async () => {
      const missing = await call(t, 'POST', '/api/auth', { body: { name: 'x', email: uniqueEmail('missing') } });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ message: 'invalid body: password: is required' });
      const wrong = await call(t, 'POST', '/api/auth', { body: { name: 42, email: uniqueEmail('typed'), password: 'long-enough-pass' } });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toEqual({ message: 'invalid body: name: must be a string' });
      const login = await call(t, 'PUT', '/api/auth', { body: { password: 'long-enough-pass' } });
      expect(login.status).toBe(400);
      expect(login.body).toEqual({ message: 'invalid body: email: is required' });
    });
  });

  describe('login (PUT /api/auth)', () => {
    it('returns the user with roles and a fresh token', async () => {
      const user = await registerUser(t, 'login');
      const res = await login(t, user.email, user.password);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: user.id, name: user.name, email: user.email, roles: [{ role: 'diner' }] },
        token: expect.any(String),
      });
      expect(res.body.token).not.toBe(user.token);
    });

    it('a wrong password gives 401', async () => {
      const user = await registerUser(t, 'badpw');
      const res = await login(t, user.email, `${user.password}x`);
      expect(res.status).toBe(401);
      expect(res.body.token).toBeUndefined();
    });

    it('an unknown email gives 401 with the same message as a wrong password', async () => {
      const user = await registerUser(t, 'enum');
      const unknown = await login(t, uniqueEmail('nobody'), 'whatever-password');
      const wrong = await login(t, user.email, 'whatever-password');
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
    });

    it('the configured admin can sign in and is an admin', async () => {
      const res = await login(t, ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ email: ADMIN_EMAIL, roles: [{ role: 'admin' }] });
    });
  });

  describe('tokens', () => {
    it('GET /api/user/me without or with a garbage token gives 401', async () => {
      expect((await call(t, 'GET', '/api/user/me')).status).toBe(401);
      expect((await call(t, 'GET', '/api/user/me', { token: 'garbage' })).status).toBe(401);
      expect((await call(t, 'GET', '/api/user/me', { headers: { Authorization: 'Basic YTpi' } })).status).toBe(401);
    });

    it('logout returns the contract message and the same token gets 401 at once; other sessions stay', async () => {
      const user = await registerUser(t, 'logout');
      const second = (await login(t, user.email, user.password)).body.token as string;
      const res = await call(t, 'DELETE', '/api/auth', { token: user.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'logout successful' });
      expect((await call(t, 'GET', '/api/user/me', { token: user.token })).status).toBe(401);
      expect((await call(t, 'DELETE', '/api/auth', { token: user.token })).status).toBe(401);
      expect((await call(t, 'GET', '/api/user/me', { token: second })).status).toBe(200);
    });

    it('logout without a token gives 401', async () => {
      expect((await call(t, 'DELETE', '/api/auth')).status).toBe(401);
    });

    it('tokens expire: exp - iat is the default 86400 s, and the issuer is the store', async () => {
      const user = await registerUser(t, 'ttl');
      const { header, payload } = decodeJwt(user.token);
      expect(header.alg).toBe('HS256');
      expect(payload.exp - payload.iat).toBe(86_400);
      expect(payload.iss).toBe('jwt-pizza-store');
      expect(payload.jti).toEqual(expect.any(String));
      expect(Math.abs(payload.iat - Date.now() / 1000)).toBeLessThan(600);
    });

    it('an expired token gives 401, even when correctly signed for a live session', async () => {
      const user = await registerUser(t, 'expired');
      const { payload } = decodeJwt(user.token);
      const now = Math.floor(Date.now() / 1000);
      const expired = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('jwt-pizza-store')
        .setSubject(String(user.id))
        .setJti(payload.jti) // the session row is live: only exp makes this token bad
        .setIssuedAt(now - 7_200)
        .setExpirationTime(now - 3_600)
        .sign(tokenKey);
      const res = await call(t, 'GET', '/api/user/me', { token: expired });
      expect(res.status).toBe(401);
      expect((await call(t, 'GET', '/api/user/me', { token: user.token })).status).toBe(200);
    });

    it('a correctly signed token for an unknown session gives 401', async () => {
      const user = await registerUser(t, 'nosession');
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('jwt-pizza-store')
        .setSubject(String(user.id))
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(tokenKey);
      expect((await call(t, 'GET', '/api/user/me', { token })).status).toBe(401);
    });

    it('forged tokens give 401: bad signature, tampered payload, alg none, wrong issuer', async () => {
      const user = await registerUser(t, 'forged');
      const [header, payload, signature] = user.token.split('.') as [string, string, string];
      const { payload: claims } = decodeJwt(user.token);
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

      const otherKey = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('jwt-pizza-store')
        .setSubject(String(user.id))
        .setJti(claims.jti)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(createHash('sha256').update('api-token:not-the-secret').digest());
      const tampered = `${header}.${b64({ ...claims, sub: '1' })}.${signature}`;
      const badSignature = `${header}.${payload}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
      const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      const wrongIssuer = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('jwt-pizza-factory')
        .setJti(claims.jti)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(tokenKey);

      for (const token of [otherKey, tampered, badSignature, algNone, wrongIssuer]) {
        const res = await call(t, 'GET', '/api/user/me', { token });
        expect(res.status, token).toBe(401);
      }
      expect((await call(t, 'GET', '/api/user/me', { token: user.token })).status).toBe(200);
    });
  });
});
