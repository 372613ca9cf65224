import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@/lib/store/seed';
import { createDatabase, dropDatabase } from '../support/pg';
import { freePort, startServer, type RunningServer } from '../support/server';
import { call, decodeJwt, login, menuByTitle, registerUser, type Engine, type Target } from './support';

/**
 * A private server per engine, started with nothing but DATA_DIR (and DATABASE_URL on
 * PostgreSQL): it must generate and keep its own admin password and secrets, and after a
 * restart on the same data keep its signing key, sessions and seed data.
 */
describe.each<Engine>(['sqlite', 'postgres'])('first start and restart on %s', (engine) => {
  let dataDir: string;
  let database: { name: string; url: string } | undefined;
  let port: number;
  let server: RunningServer | undefined;
  let t: Target;

  const env = () => ({
    DATA_DIR: dataDir,
    PASSWORD_HASH_COST: '10',
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  const start = async () => {
    server = await startServer({ port, env: env(), logFile: path.join(dataDir, 'server.log') });
    t = { name: engine, url: server.url, dataDir };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), `jwt-pizza-restart-${engine}-`));
    if (engine === 'postgres') database = await createDatabase();
    port = await freePort(engine === 'sqlite' ? 3211 : 3221);
    await start();
  });

  afterAll(async () => {
    await server?.stop();
    if (database) await dropDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const passwordFile = () => path.join(dataDir, 'secrets', 'ADMIN_PASSWORD');
  const state: { adminPassword?: string; jwt?: string; kid?: string; token?: string; adminId?: number } = {};

  it('without ADMIN_PASSWORD, writes a generated admin password to DATA_DIR/secrets that signs in', async () => {
    expect(existsSync(passwordFile())).toBe(true);
    state.adminPassword = readFileSync(passwordFile(), 'utf8').trim();
    expect(state.adminPassword.length).toBeGreaterThanOrEqual(16);
    const res = await login(t, 'admin@jwt.pizza', state.adminPassword);
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual([{ role: 'admin' }]);
    state.adminId = res.body.user.id;
    const docs = await call(t, 'GET', '/api/docs');
    expect(docs.text).not.toContain(state.adminPassword);
  });

  it(`seeds the demo users by default on ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL only when asked (not here)'}`, async () => {
    const res = await login(t, DEMO_USERS.diner.email, DEMO_USERS.diner.password);
    expect(res.status).toBe(engine === 'sqlite' ? 200 : 401);
  });

  it('orders a pizza before the restart', async () => {
    const diner = await registerUser(t, 'restart');
    const pocket = (await call(t, 'GET', '/api/franchise?name=pizzaPocket')).body.franchises[0];
    const veggie = (await menuByTitle(t)).get('Veggie')!;
    const res = await call(t, 'POST', '/api/order', {
      token: diner.token,
      body: { franchiseId: pocket.id, storeId: pocket.stores[0].id, items: [{ menuId: veggie.id }] },
    });
    expect(res.status).toBe(200);
    state.jwt = res.body.jwt;
    state.kid = decodeJwt(res.body.jwt).header.kid as string;
    state.token = diner.token;
  });

  it('after a restart on the same data: the signing key, sessions, admin and seed data are kept', async () => {
    expect(state.jwt && state.token && state.adminPassword).toBeTruthy();
    await server!.stop();
    server = undefined;
    await start();

    // The old pizza still verifies, at the factory and with the JWKS alone.
    const verified = await call(t, 'POST', '/factory/api/order/verify', { body: { jwt: state.jwt } });
    expect(verified.status).toBe(200);
    expect(verified.body.message).toBe('valid');
    const jwks = (await call(t, 'GET', '/factory/.well-known/jwks.json')).body;
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(state.kid);
    await expect(jwtVerify(state.jwt!, createLocalJWKSet(jwks), { algorithms: ['RS256'] })).resolves.toBeTruthy();

    // The diner is still signed in (AUTH_SECRET was generated once and kept).
    const me = await call(t, 'GET', '/api/user/me', { token: state.token });
    expect(me.status).toBe(200);

    // New pizzas are signed with the same key.
    const pocket = (await call(t, 'GET', '/api/franchise?name=pizzaPocket')).body.franchises;
    expect(pocket).toHaveLength(1);
    const menu = await call(t, 'GET', '/api/order/menu');
    expect(menu.body.map((m: { title: string }) => m.title)).toEqual(['Veggie', 'Pepperoni', 'Margarita', 'Crusty', 'Charred Leopard']);
    const again = await call(t, 'POST', '/api/order', {
      token: state.token,
      body: { franchiseId: pocket[0].id, storeId: pocket[0].stores[0].id, items: [{ menuId: menu.body[0].id }] },
    });
    expect(again.status).toBe(200);
    expect(decodeJwt(again.body.jwt).header.kid).toBe(state.kid);

    // The generated admin password is unchanged and still signs in to the same account.
    expect(readFileSync(passwordFile(), 'utf8').trim()).toBe(state.adminPassword);
    const admin = await login(t, 'admin@jwt.pizza', state.adminPassword!);
    expect(admin.status).toBe(200);
    expect(admin.body.user.id).toBe(state.adminId);
    const admins = await call(t, 'GET', '/api/user?name=*', { token: admin.body.token });
    expect(admins.body.users.filter((u: { email: string }) => u.email === 'admin@jwt.pizza')).toHaveLength(1);
  }, 120_000);
});
