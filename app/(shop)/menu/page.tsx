import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/card';
import { MenuOrder } from '@/components/shop/menu-order';
import { findPlacedOrderAction } from '../checkout/actions';
import { loadShop } from '../shop-data';

export const metadata: Metadata = { title: 'Order' };

export default async function MenuPage() {
  await connection();
  const { menu, franchises } = await loadShop();
  return (
    <>
      <PageHeader title="Order a pizza" subtitle="Pick a store, fill your cart, and we’ll bake you a pizza signed by the factory." />
      <MenuOrder menu={menu} franchises={franchises} findPlacedOrder={findPlacedOrderAction} />
    </>
  );
}
