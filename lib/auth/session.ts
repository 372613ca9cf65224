import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getUser } from '@/lib/store/users';
import { auth } from './next-auth';
import { isAdmin, type AuthUser } from './roles';

/** The signed-in browser user with current roles from the database, once per request. */
export const currentUser = cache(async (): Promise<AuthUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  return Number.isInteger(id) && id > 0 ? getUser(id) : null;
});

/** For pages: sends visitors to sign in, then back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<AuthUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?returnTo=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requireAdmin(returnTo: string): Promise<AuthUser> {
  const user = await requireUser(returnTo);
  if (!isAdmin(user)) redirect('/?denied=admin');
  return user;
}
