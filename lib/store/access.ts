import { isAdmin, isFranchiseAdmin, type AuthUser } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';

/** Authorisation rules shared by the REST API and the UI. */
export function assertAdmin(actor: AuthUser | undefined): asserts actor is AuthUser {
  if (!actor) throw new AppError('unauthorized', 'unauthorized');
  if (!isAdmin(actor)) throw new AppError('forbidden', 'admin only');
}

export function assertSelfOrAdmin(actor: AuthUser | undefined, userId: number, action: string): asserts actor is AuthUser {
  if (!actor) throw new AppError('unauthorized', 'unauthorized');
  if (actor.id !== userId && !isAdmin(actor)) throw new AppError('forbidden', `unable to ${action}`);
}

export function assertFranchiseAdmin(actor: AuthUser | undefined, franchiseId: number, action: string): asserts actor is AuthUser {
  if (!actor) throw new AppError('unauthorized', 'unauthorized');
  if (!isFranchiseAdmin(actor, franchiseId)) throw new AppError('forbidden', `unable to ${action}`);
}
