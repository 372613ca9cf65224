'use server';

import { redirect } from 'next/navigation';
import { loginBody } from '@/lib/api/schemas';
import { safeReturnTo } from '@/lib/auth/return-to';
import { formValues, invalidForm, type FormState } from '@/lib/form-state';
import { signInWithPassword } from './sign-in';

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { password, ...values } = formValues(formData);
  const parsed = loginBody.safeParse({ ...values, password });
  if (!parsed.success) return invalidForm(parsed.error, values);
  const failure = await signInWithPassword(parsed.data);
  if (failure) return { status: 'error', message: failure, values };
  redirect(safeReturnTo(values.returnTo));
}
