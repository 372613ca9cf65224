'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { orderBody } from '@/lib/api/schemas';
import { currentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import type { FormState } from '@/lib/form-state';
import { placeOrder } from '@/lib/store/orders';

/** Pays for the cart. Only ids travel: placeOrder prices the pizzas from the menu. */
export async function payAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return { status: 'error', message: 'Your session has ended. Please sign in again; your cart is saved.' };
  const parsed = orderBody.safeParse({
    franchiseId: formData.get('franchiseId'),
    storeId: formData.get('storeId'),
    items: formData.getAll('menuId').map((menuId) => ({ menuId })),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(' ')} ${i.message}`).join('; ');
    return { status: 'error', message: `We couldn’t read your order (${problems}). Please rebuild it on the menu.` };
  }
  let orderId: number;
  try {
    orderId = (await placeOrder(user, parsed.data)).order.id;
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: `We couldn’t place your order: ${error.message}.` };
    throw error;
  }
  revalidatePath('/dashboard');
  redirect(`/delivery/${orderId}?placed=1`);
}
