import 'server-only';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { configHistory } from './config';

/**
 * The factory's RS256 signing keys, kept in the database so they survive restarts and are
 * shared by every instance. Rotation: a new key is published in the JWKS first and signs
 * only from `signingFrom`; the key it replaces stays published until every pizza it signed
 * has expired. Every live key is in the JWKS; the newest one whose time has come signs.
 */
export const ISSUER = 'jwt-pizza-factory';
const ALG = 'RS256';
const KEY_CACHE_MS = 10_000;

interface KeyRing {
  loadedAt: number;
  /** When the ring next changes by itself: a published key starts signing, or a key retires. */
  changesAt: number;
  signer: { kid: string; key: CryptoKey | Uint8Array };
  publicJwks: JWK[];
}

const globalForKeys = globalThis as unknown as { __jwtPizzaFactoryKeys?: Promise<KeyRing> };

async function createKey(signingFrom = new Date()): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  await db.factorySigningKey.create({
    data: {
      kid,
      signingFrom,
      privateJwk: JSON.stringify(privateJwk),
      publicJwk: JSON.stringify({ ...publicJwk, kid, alg: ALG, use: 'sig' }),
    },
  });
  return kid;
}

async function loadKeyRing(): Promise<KeyRing> {
  const live = () =>
    db.factorySigningKey.findMany({
      where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date() } }] },
      orderBy: { signingFrom: 'desc' },
    });
  let rows = await live();
  if (rows.length === 0) {
    await createKey();
    rows = await live();
  }
  const now = Date.now();
  const newest = rows.find((r) => r.signingFrom.getTime() <= now);
  if (!newest) throw new Error('no signing key');
  const upcoming = rows.flatMap((r) => [r.signingFrom.getTime(), r.retiredAt?.getTime() ?? Infinity]).filter((at) => at > now);
  return {
    loadedAt: now,
    changesAt: Math.min(Infinity, ...upcoming),
    signer: { kid: newest.kid, key: await importJWK(JSON.parse(newest.privateJwk) as JWK, ALG) },
    publicJwks: rows.map((r) => JSON.parse(r.publicJwk) as JWK),
  };
}

async function keyRing(): Promise<KeyRing> {
  const current = globalForKeys.__jwtPizzaFactoryKeys;
  if (current) {
    const ring = await current.catch(() => undefined);
    // Cached, but never past the moment a rotated key is due to sign (or an old one to retire).
    if (ring && Date.now() - ring.loadedAt < KEY_CACHE_MS && Date.now() < ring.changesAt) return ring;
  }
  globalForKeys.__jwtPizzaFactoryKeys = loadKeyRing();
  return globalForKeys.__jwtPizzaFactoryKeys;
}

export interface KeyView {
  kid: string;
  createdAt: string;
  signingFrom: string;
  retiredAt: string | null;
  signing: boolean;
}

export async function listKeys(): Promise<KeyView[]> {
  const [rows, ring] = await Promise.all([db.factorySigningKey.findMany({ orderBy: { signingFrom: 'desc' } }), keyRing()]);
  return rows.map((r) => ({
    kid: r.kid,
    createdAt: r.createdAt.toISOString(),
    signingFrom: r.signingFrom.toISOString(),
    retiredAt: r.retiredAt?.toISOString() ?? null,
    signing: r.kid === ring.signer.kid,
  }));
}

/**
 * Adds a key that signs after `publishLeadMs` (verifiers fetch it from the JWKS first) and
 * schedules the current keys to leave the JWKS once their last pizza has expired.
 */
export async function rotateSigningKey(): Promise<KeyView[]> {
  const longestTokenSeconds = Math.max(...(await configHistory()).map((v) => v.document.tokenTtlSeconds));
  const signingFrom = new Date(Date.now() + env().factoryKeyPublishLeadMs);
  const retireAt = new Date(signingFrom.getTime() + longestTokenSeconds * 1000);
  await db.factorySigningKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: retireAt } });
  await createKey(signingFrom);
  globalForKeys.__jwtPizzaFactoryKeys = undefined;
  return listKeys();
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
