import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../support/server';
import { call, createFranchise, menuByTitle, registerUser, type Target } from './support';

/**
 * The store against an external factory (FACTORY_URL), played by a small HTTP server in this
 * process that can sign, fail, hang or return a bad pizza. The store must keep the order,
 * answer within its time budget and, when the factory fails, confirm the order as pending (202).
 * The fulfilment worker is off here so that every factory call comes from the request itself.
 */
type Mode = 'good' | 'fail' | 'hang' | 'badjwt';

const VENDOR_KEY = 'external-factory-vendor-key-9b2f4e71';
const TIMEOUT_MS = 400;
const BREAKER_COOLDOWN_MS = 500;

let mode: Mode = 'good';
let received: { authorization?: string; body: any }[] = [];
let factory: http.Server;
let factoryUrl: string;
let signer: { kid: string; privateKey: CryptoKey; publicJwk: JWK };
let server: RunningServer;
let dataDir: string;
let t: Target;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  signer = { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' } };

  factory = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET' && req.url === '/factory/.well-known/jwks.json') return send(200, { keys: [signer.publicJwk] });
      if (req.method !== 'POST' || req.url !== '/factory/api/order') return send(404, { message: 'unknown endpoint' });
      received.push({ authorization: req.headers.authorization, body: JSON.parse(raw) });
      if (mode === 'hang') return; // never answers; closed in afterAll
      if (mode === 'fail') return send(500, { message: 'chaos monkey' });
      if (mode === 'badjwt') return send(200, { jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2lnbmF0dXJl' });
      const jwt = await new SignJWT({ vendor: { id: 1, name: 'store' }, ...JSON.parse(raw) })
        .setProtectedHeader({ alg: 'RS256', kid: signer.kid })
        .setIssuer('external-factory')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(signer.privateKey);
      return send(200, { jwt, reportUrl: 'https://factory.example/report/1' });
    });
  });
  await new Promise<void>((resolve) => factory.listen(0, '127.0.0.1', resolve));
  factoryUrl = `http://127.0.0.1:${(factory.address() as AddressInfo).port}/factory`;

  dataDir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-external-'));
  server = await startServer({
    port: await freePort(3231),
    logFile: path.join(dataDir, 'server.log'),
    env: {
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: 'external-admin-password',
      PASSWORD_HASH_COST: '10',
      FACTORY_URL: factoryUrl,
      FACTORY_API_KEY: VENDOR_KEY,
      FACTORY_TIMEOUT_MS: String(TIMEOUT_MS),
      BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
      FULFILMENT_WORKER: 'off',
      // The probe's own orders would reach this factory too, between a test's order and its checks.
      PROBE_INTERVAL_MS: '0',
      CACHE_TTL_MS: '0',
    },
  });
  t = { name: 'sqlite', url: server.url, dataDir };
  // One order first: a cold server's first call can overrun the short budget on a busy machine.
  await placeOrder();
});

afterAll(async () => {
  await server?.stop();
  factory?.closeAllConnections();
  await new Promise((resolve) => factory?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  mode = 'good';
  received = [];
  // Earlier failures may have opened the circuit; after the cooldown the next call is let through.
  await new Promise((resolve) => setTimeout(resolve, BREAKER_COOLDOWN_MS + 100));
});

async function placeOrder() {
  const diner = await registerUser(t, 'external');
  const adminLogin = await call(t, 'PUT', '/api/auth', { body: { email: 'admin@jwt.pizza', password: 'external-admin-password' } });
  const token = adminLogin.body.token;
  const name = `ext-${Math.random().toString(36).slice(2)}`;
  const franchise = (await call(t, 'POST', '/api/franchise', { token, body: { name, admins: [] } })).body;
  const store = (await call(t, 'POST', `/api/franchise/${franchise.id}/store`, { token, body: { name: 'Ext' } })).body;
  const veggie = (await menuByTitle(t)).get('Veggie')!;
  const res = await call(t, 'POST', '/api/order', {
    token: diner.token,
    body: { franchiseId: franchise.id, storeId: store.id, items: [{ menuId: veggie.id, description: 'free', price: 0 }] },
  });
  return { res, diner, veggie, franchiseId: franchise.id, storeId: store.id };
}

describe('the store with an external factory (FACTORY_URL)', () => {
  it('documents the configured factory URL', async () => {
    expect((await call(t, 'GET', '/api/docs')).body.config).toEqual({ factory: factoryUrl });
    expect((await call(t, 'GET', '/api/docs')).text).not.toContain(VENDOR_KEY);
  });

  it('calls the factory with its vendor key and the order priced from the menu, and returns the signed pizza', async () => {
    const { res, diner, veggie, franchiseId, storeId } = await placeOrder();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ order: { id: expect.any(Number), franchiseId, storeId }, jwt: expect.any(String) });
    expect(received).toHaveLength(1);
    expect(received[0]!.authorization).toBe(`Bearer ${VENDOR_KEY}`);
    expect(received[0]!.body).toEqual({
      diner: { id: diner.id, name: diner.name, email: diner.email },
      order: { id: res.body.order.id, franchiseId, storeId, items: [{ menuId: veggie.id, description: 'Veggie', price: 0.0038 }] },
    });
  });

  it.each<[Mode, string]>([
    ['fail', 'the factory answers 500'],
    ['badjwt', 'the factory returns a pizza whose signature does not verify'],
    ['hang', `the factory does not answer within FACTORY_TIMEOUT_MS (${TIMEOUT_MS} ms)`],
  ])('%s: when %s, the store confirms the order as pending (202) and keeps it', async (m) => {
    mode = m;
    const { res, diner } = await placeOrder();
    expect(res.status).toBe(202);
    expect(res.body.message).toMatch(/waiting for the factory/);
    expect(res.body.order).toMatchObject({ status: 'pending' });
    expect(received).toHaveLength(1);
    const id = res.body.order?.id;
    expect(id).toEqual(expect.any(Number));
    const kept = await call(t, 'GET', `/api/order/${id}`, { token: diner.token });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ id, status: 'pending', jwt: null, items: [{ description: 'Veggie', price: 0.0038 }] });
    const history = await call(t, 'GET', '/api/order', { token: diner.token });
    expect(history.body.orders.map((o: { id: number }) => o.id)).toEqual([id]);
  });
});
