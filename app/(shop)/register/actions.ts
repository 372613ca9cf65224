'use server';

import { redirect } from 'next/navigation';
import { registerBody } from '@/lib/api/schemas';
import { safeReturnTo } from '@/lib/auth/return-to';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { register } from '@/lib/store/users';
import { signInWithPassword } from '../login/sign-in';

export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { password, ...values } = formValues(formData);
  const parsed = registerBody.safeParse({ ...values, password });
  if (!parsed.success) return invalidForm(parsed.error, values);
  try {
    await register(parsed.data);
  } catch (error) {
    return failedForm(error, values, { conflict: 'email' });
  }
  const failure = await signInWithPassword(parsed.data);
  if (failure) return { status: 'error', message: 'Your account was created, but signing in failed. Please sign in.', values };
  redirect(safeReturnTo(values.returnTo));
}
