'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { createFranchiseForm, franchiseIdParams } from '@/lib/api/schemas';
import { currentUser } from '@/lib/auth/session';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { closeFranchise, createFranchise } from '@/lib/store/franchises';

/** Creates a franchise, then opens it so its first store can be added. */
export async function createFranchiseAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const input = createFranchiseForm.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  let franchiseId: number;
  try {
    ({ id: franchiseId } = await createFranchise((await currentUser()) ?? undefined, input.data));
  } catch (error) {
    return failedForm(error, values, { not_found: 'admins', conflict: 'name' });
  }
  revalidatePath('/admin', 'layout');
  revalidatePath('/franchise');
  redirect(`/admin/franchises/${franchiseId}?created=1`);
}

export async function closeFranchiseAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const input = franchiseIdParams.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  try {
    await closeFranchise((await currentUser()) ?? undefined, input.data.franchiseId);
  } catch (error) {
    return failedForm(error, values);
  }
  revalidatePath('/admin', 'layout');
  revalidatePath('/franchise');
  return { status: 'success', message: 'Franchise closed.' };
}
