'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { checkoutKey, orderBody } from '@/lib/api/schemas';
import { currentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import type { FormState } from '@/lib/form-state';
import { CheckoutAlreadyPaid, findOrderByCheckoutKey, placeOrder } from '@/lib/store/orders';

const payForm = orderBody.extend({ checkoutKey });

/**
 * Pays for the cart. Only ids travel: placeOrder prices the pizzas from the menu. The cart's
 * checkout key makes a repeated pay (a retry, a second tab) return the order already placed.
 */
export async function payAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return { status: 'error', signedOut: true, message: 'Your session has ended. Please sign in again; your cart is saved.' };
  const parsed = payForm.safeParse({
    franchiseId: formData.get('franchiseId'),
    storeId: formData.get('storeId'),
    items: formData.getAll('menuId').map((menuId) => ({ menuId })),
    checkoutKey: formData.get('checkoutKey'),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(' ')} ${i.message}`).join('; ');
    return { status: 'error', message: `We couldn’t read your order (${problems}). Please rebuild it on the menu.` };
  }
  const { checkoutKey: key, ...order } = parsed.data;
  let orderId: number;
  try {
    orderId = (await placeOrder(user, order, key)).order.id;
  } catch (error) {
    if (error instanceof CheckoutAlreadyPaid) {
      return { status: 'error', paidOrderId: error.orderId, message: `Your cart changed after it was paid as order #${error.orderId}. Pay again to order these pizzas as a new order.` };
    }
    // The only thing placeOrder looks up and may not find: the store, closed since it was chosen.
    if (error instanceof AppError && error.code === 'not_found') return { status: 'error', storeClosed: true, message: 'The store you chose has closed.' };
    if (error instanceof AppError) return { status: 'error', message: `We couldn’t place your order: ${error.message}.` };
    throw error;
  }
  revalidatePath('/dashboard');
  redirect(`/delivery/${orderId}?placed=1`);
}

/**
 * For a cart whose pay was sent but whose answer never arrived (the diner left mid-payment):
 * the order placed with its checkout key, if any. Null when none was, or nobody is signed in.
 */
export async function findPlacedOrderAction(key: string): Promise<{ orderId: number } | null> {
  const user = await currentUser();
  const parsed = checkoutKey.safeParse(key);
  if (!user || !parsed.success) return null;
  const order = await findOrderByCheckoutKey(user, parsed.data);
  return order ? { orderId: order.id } : null;
}
