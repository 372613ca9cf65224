'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { updateUserBody } from '@/lib/api/schemas';
import { updateSession } from '@/lib/auth/next-auth';
import { currentUser } from '@/lib/auth/session';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { sessionStamp, updateUser } from '@/lib/store/users';

/** Saves name and email; the password changes only when a new one is typed. */
export async function updateProfileAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { password, ...values } = formValues(formData);
  const user = await currentUser();
  if (!user) return { status: 'error', message: 'Your session has ended. Please sign in again.', values };
  const parsed = updateUserBody.safeParse({ name: values.name ?? '', email: values.email ?? '', ...(password ? { password } : {}) });
  if (!parsed.success) return invalidForm(parsed.error, values);
  try {
    await updateUser(user, user.id, parsed.data);
  } catch (error) {
    return failedForm(error, values, { conflict: 'email' });
  }
  if (password) {
    // Other browsers are signed out by the new password; this one takes the new stamp. Its
    // page is rendered afresh by the redirect: this request's own cookie is the old one.
    await updateSession({ user: { sessionStamp: await sessionStamp(user.id) } });
    redirect('/dashboard?saved=password');
  }
  // The header shows the name on every page.
  revalidatePath('/', 'layout');
  return { status: 'success', message: password ? 'Profile and password saved.' : 'Profile saved.', values };
}
