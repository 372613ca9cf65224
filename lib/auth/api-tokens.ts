import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { toAuthUser, type AuthUser } from './roles';

/**
 * REST bearer tokens: an HS256 JWT with an expiry, whose jti names an ApiSession row.
 * Signature and expiry are checked without the database, so forged and expired tokens cost
 * nothing. A valid token costs one primary-key read, which also yields the user's current
 * roles; revoking the row (logout) stops the token at once on every instance.
 */
const ISSUER = 'jwt-pizza-store';

let signingKey: Uint8Array | undefined;
function key(): Uint8Array {
  // Derived, so the REST tokens and the browser session cookies never share a key.
  signingKey ??= createHash('sha256').update(`api-token:${env().authSecret}`).digest();
  return signingKey;
}

export async function issueApiToken(userId: number): Promise<string> {
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + env().tokenTtlSeconds * 1000);
  await db.apiSession.create({ data: { id, userId, expiresAt } });
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject(String(userId))
    .setJti(id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key());
}

export interface ApiPrincipal {
  user: AuthUser;
  sessionId: string;
}

const unauthorized = (message = 'unauthorized') => new AppError('unauthorized', message);

export async function authenticateToken(token: string): Promise<ApiPrincipal> {
  let jti: string | undefined;
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, algorithms: ['HS256'] });
    jti = payload.jti;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('token expired');
    throw unauthorized('invalid token');
  }
  if (!jti) throw unauthorized('invalid token');
  const session = await db.apiSession.findUnique({
    where: { id: jti },
    include: { user: { include: { roles: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
    throw unauthorized(session?.revokedAt ? 'token revoked' : 'invalid token');
  }
  return { user: toAuthUser(session.user), sessionId: session.id };
}

export function bearerToken(authorization: string | null): string | undefined {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

export async function revokeApiToken(sessionId: string): Promise<void> {
  await db.apiSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
}

/** Drops sessions that expired more than a day ago. */
export async function purgeExpiredApiTokens(): Promise<number> {
  const { count } = await db.apiSession.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 86_400_000) } } });
  return count;
}
