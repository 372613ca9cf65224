import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getSessionUser } from '@/lib/store/users';
import { auth } from './next-auth';
import { signInPath } from './return-to';
import { isAdmin, type AuthUser } from './roles';

/** The signed-in browser user with current roles from the database, once per request; none once the password has changed. */
export const currentUser = cache(async (): Promise<AuthUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  return Number.isInteger(id) && id > 0 ? getSessionUser(id, session?.user?.sessionStamp) : null;
});

/** For pages: sends visitors to sign in, then back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<AuthUser> {
  const user = await currentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}

/** Where a signed-in user who is not an admin is sent from an admin page (components/layout/denied-notice.tsx says why). */
const ADMIN_DENIED_PATH = '/?denied=admin';

export async function requireAdmin(returnTo: string): Promise<AuthUser> {
  const user = await requireUser(returnTo);
  if (!isAdmin(user)) redirect(ADMIN_DENIED_PATH);
  return user;
}

/**
 * For the admin layout, which is not told which page was asked for: the admin, or null for a
 * visitor, whom the layout sends to sign in from the browser (components/layout/sign-in-redirect.tsx).
 */
export async function adminOrVisitor(): Promise<AuthUser | null> {
  const user = await currentUser();
  if (user && !isAdmin(user)) redirect(ADMIN_DENIED_PATH);
  return user;
}
