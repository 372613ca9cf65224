'use server';

import { revalidatePath } from 'next/cache';
import { createStoreForm, storeParams } from '@/lib/api/schemas';
import { currentUser } from '@/lib/auth/session';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { closeStore, createStore } from '@/lib/store/franchises';

/** Store changes show on the franchisee dashboard and on the admin franchise pages. */
function revalidateFranchisePages() {
  revalidatePath('/franchise');
  revalidatePath('/admin', 'layout');
}

export async function createStoreAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const input = createStoreForm.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  const { franchiseId, name } = input.data;
  try {
    await createStore((await currentUser()) ?? undefined, franchiseId, { name });
  } catch (error) {
    return failedForm(error, values, { conflict: 'name' });
  }
  revalidateFranchisePages();
  return { status: 'success', message: `Store ${name} created.` };
}

export async function closeStoreAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const input = storeParams.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  try {
    await closeStore((await currentUser()) ?? undefined, input.data.franchiseId, input.data.storeId);
  } catch (error) {
    return failedForm(error, values);
  }
  revalidateFranchisePages();
  return { status: 'success', message: 'Store closed.' };
}
