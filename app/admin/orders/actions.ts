'use server';

import { revalidatePath } from 'next/cache';
import { orderIdParams } from '@/lib/api/schemas';
import { currentUser } from '@/lib/auth/session';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { retryFailedOrder } from '@/lib/store/fulfilment';

/** Sends a failed order back to the queue for another round of attempts. */
export async function retryOrderAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const input = orderIdParams.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  try {
    await retryFailedOrder((await currentUser()) ?? undefined, input.data.orderId);
  } catch (error) {
    return failedForm(error, values);
  }
  revalidatePath('/admin/orders');
  return { status: 'success', message: `Order #${input.data.orderId} is back in the queue.` };
}
