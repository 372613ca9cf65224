'use server';

import { revalidatePath } from 'next/cache';
import { menuItemForm } from '@/lib/api/schemas';
import { currentUser } from '@/lib/auth/session';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { addMenuItem } from '@/lib/store/menu';

export async function addMenuItemAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const input = menuItemForm.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  try {
    await addMenuItem((await currentUser()) ?? undefined, input.data);
  } catch (error) {
    return failedForm(error, values, { conflict: 'title' });
  }
  revalidatePath('/admin', 'layout');
  revalidatePath('/menu');
  return { status: 'success', message: `${input.data.title} is on the menu.` };
}
