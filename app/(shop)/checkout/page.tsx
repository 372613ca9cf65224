import type { Metadata } from 'next';
import { CheckoutForm } from '@/components/shop/checkout-form';
import { PageHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { loadShop } from '../shop-data';
import { findPlacedOrderAction, payAction } from './actions';

export const metadata: Metadata = { title: 'Checkout' };

export default async function CheckoutPage() {
  const user = await requireUser('/checkout');
  const { menu, franchises } = await loadShop();
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Checkout" subtitle={`Ordering as ${user.name}. Check your order, then pay.`} />
      <CheckoutForm action={payAction} findPlacedOrder={findPlacedOrderAction} menu={menu} franchises={franchises} />
    </div>
  );
}
