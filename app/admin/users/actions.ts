'use server';

import { revalidatePath } from 'next/cache';
import { userIdParams } from '@/lib/api/schemas';
import { currentUser } from '@/lib/auth/session';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { deleteUser } from '@/lib/store/users';

export async function deleteUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const input = userIdParams.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  try {
    await deleteUser((await currentUser()) ?? undefined, input.data.userId);
  } catch (error) {
    return failedForm(error, values);
  }
  revalidatePath('/admin', 'layout');
  return { status: 'success', message: 'User deleted.' };
}
