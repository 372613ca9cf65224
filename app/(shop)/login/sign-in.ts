import 'server-only';
import { AuthError } from 'next-auth';
import { revalidatePath } from 'next/cache';
import type { LoginInput } from '@/lib/api/schemas';
import { signIn } from '@/lib/auth/next-auth';

/** Starts a browser session. Returns a message for the form when the credentials are wrong. */
export async function signInWithPassword(input: LoginInput): Promise<string | undefined> {
  try {
    await signIn('credentials', { email: input.email, password: input.password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return 'Invalid email or password.';
    throw error;
  }
  // Every page shows who is signed in, so nothing cached may survive.
  revalidatePath('/', 'layout');
}
