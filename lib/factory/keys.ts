import 'server-only';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { db } from '@/lib/db';

/**
 * The factory's RS256 signing keys, kept in the database so they survive restarts and are
 * shared by every instance. The newest live key signs; every live key is in the JWKS.
 */
export const ISSUER = 'jwt-pizza-factory';
const ALG = 'RS256';
const KEY_CACHE_MS = 10_000;

interface KeyRing {
  loadedAt: number;
  signer: { kid: string; key: CryptoKey | Uint8Array };
  publicJwks: JWK[];
}

const globalForKeys = globalThis as unknown as { __jwtPizzaFactoryKeys?: Promise<KeyRing> };

async function createKey(): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  await db.factorySigningKey.create({
    data: { kid, privateJwk: JSON.stringify(privateJwk), publicJwk: JSON.stringify({ ...publicJwk, kid, alg: ALG, use: 'sig' }) },
  });
}

async function loadKeyRing(): Promise<KeyRing> {
  const live = () =>
    db.factorySigningKey.findMany({
      where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date() } }] },
      orderBy: { createdAt: 'desc' },
    });
  let rows = await live();
  if (!rows.some((r) => r.retiredAt === null)) {
    await createKey();
    rows = await live();
  }
  const newest = rows.find((r) => r.retiredAt === null);
  if (!newest) throw new Error('no signing key');
  return {
    loadedAt: Date.now(),
    signer: { kid: newest.kid, key: await importJWK(JSON.parse(newest.privateJwk) as JWK, ALG) },
    publicJwks: rows.map((r) => JSON.parse(r.publicJwk) as JWK),
  };
}

async function keyRing(): Promise<KeyRing> {
  const current = globalForKeys.__jwtPizzaFactoryKeys;
  if (current) {
    const ring = await current.catch(() => undefined);
    if (ring && Date.now() - ring.loadedAt < KEY_CACHE_MS) return ring;
  }
  globalForKeys.__jwtPizzaFactoryKeys = loadKeyRing();
  return globalForKeys.__jwtPizzaFactoryKeys;
}

/** Makes sure a signing key exists, so the JWKS is published before the first order. */
export async function ensureSigningKey(): Promise<void> {
  await keyRing();
}

export async function jwks(): Promise<{ keys: JWK[] }> {
  return { keys: (await keyRing()).publicJwks };
}

export async function sign(payload: JWTPayload, ttlSeconds: number): Promise<string> {
  const { signer } = await keyRing();
  return new SignJWT(payload)
    .setProtectedHeader({ alg: ALG, kid: signer.kid, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(signer.key);
}

export async function verify(jwt: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(await jwks()), { issuer: ISSUER, algorithms: [ALG] });
  return payload;
}
