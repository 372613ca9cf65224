import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { dummyPasswordHash, hashPassword, verifyPassword } from '@/lib/auth/password';
import { toAuthUser, type AuthUser } from '@/lib/auth/roles';
import type { LoginInput, RegisterInput, UpdateUserInput } from '@/lib/api/schemas';
import { db, isRecordMissing, isUniqueViolation, type Prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { assertAdmin, assertSelfOrAdmin } from './access';
import { likePattern } from './search';

const withRoles = { roles: true } satisfies Prisma.UserInclude;

const emailTaken = () => new AppError('conflict', 'an account with that email already exists');

export async function register(input: RegisterInput): Promise<AuthUser> {
  const passwordHash = await hashPassword(input.password, env().passwordHashCost);
  try {
    const user = await db.user.create({
      data: { name: input.name, email: input.email, passwordHash, roles: { create: { role: 'diner' } } },
      include: withRoles,
    });
    return toAuthUser(user);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** Checks credentials. Unknown emails take as long as wrong passwords. */
export async function authenticate(input: LoginInput): Promise<AuthUser> {
  const user = await db.user.findUnique({ where: { email: input.email }, include: withRoles });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash(env().passwordHashCost)));
  if (!user || !ok) throw new AppError('unauthorized', 'invalid email or password');
  return toAuthUser(user);
}

/**
 * What a browser session keeps of the password it began with: an HMAC of the hash, as
 * Django's session auth hash. A password change, the user's own or an admin's, ends every
 * browser session that holds the old one.
 */
const sessionStampOf = (passwordHash: string): Buffer => createHmac('sha256', env().authSecret).update(passwordHash).digest();

/** The stamp a new browser session of this user carries. */
export async function sessionStamp(userId: number): Promise<string> {
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  return sessionStampOf(passwordHash).toString('base64url');
}

/** A browser session's user, if the session began with the user's current password. */
export async function getSessionUser(userId: number, stamp: string | undefined): Promise<AuthUser | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: withRoles });
  if (!user || !stamp) return null;
  const given = Buffer.from(stamp, 'base64url');
  const expected = sessionStampOf(user.passwordHash);
  return given.length === expected.length && timingSafeEqual(given, expected) ? toAuthUser(user) : null;
}

/** Updates a profile. A password change signs the user out of every API session, and of every browser session but one that takes the new stamp. */
export async function updateUser(actor: AuthUser | undefined, userId: number, input: UpdateUserInput): Promise<AuthUser> {
  assertSelfOrAdmin(actor, userId, 'update this user');
  const passwordHash = input.password ? await hashPassword(input.password, env().passwordHashCost) : undefined;
  try {
    const user = await db.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: userId },
        data: { name: input.name, email: input.email, passwordHash },
        include: withRoles,
      });
      if (passwordHash) {
        await tx.apiSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
      }
      return updated;
    });
    return toAuthUser(user);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    if (isRecordMissing(error)) throw notFound('user');
    throw error;
  }
}

export interface UserPage {
  users: AuthUser[];
  more: boolean;
}

export async function listUsers(
  actor: AuthUser | undefined,
  query: { page: number; limit: number; name: string },
): Promise<UserPage> {
  assertAdmin(actor);
  const pattern = likePattern(query.name);
  const offset = (query.page - 1) * query.limit;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "User" WHERE LOWER("name") LIKE ${pattern} ESCAPE '\\'
    ORDER BY "id" LIMIT ${query.limit + 1} OFFSET ${offset}`;
  const ids = rows.slice(0, query.limit).map((r) => Number(r.id));
  const users = await db.user.findMany({ where: { id: { in: ids } }, include: withRoles, orderBy: { id: 'asc' } });
  return { users: users.map(toAuthUser), more: rows.length > query.limit };
}

export async function deleteUser(actor: AuthUser | undefined, userId: number): Promise<void> {
  assertAdmin(actor);
  if (actor.id === userId) throw new AppError('forbidden', 'you cannot delete your own account');
  const { count } = await db.user.deleteMany({ where: { id: userId } });
  if (count === 0) throw notFound('user');
}
