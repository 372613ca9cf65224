'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { cartActions, type Cart } from './cart-store';

/** The server action that looks up the diner's order paid with a checkout key. */
export type FindPlacedOrder = (checkoutKey: string) => Promise<{ orderId: number } | null>;

/**
 * On arrival with a cart whose Pay was sent but never answered (the diner left mid-payment),
 * asks the server whether that order was placed. If it was, the cart is emptied and the
 * order id returned, so the page says so instead of offering to pay again.
 */
export function usePlacedOrderCheck(cart: Cart | null, findPlacedOrder: FindPlacedOrder): number | null {
  const checked = useRef(false);
  const [placedOrderId, setPlacedOrderId] = useState<number | null>(null);
  useEffect(() => {
    // Once, with the cart as it was on arrival: not when this page's own Pay is pressed.
    if (!cart || checked.current) return;
    checked.current = true;
    if (!cart.paymentSent) return;
    const key = cart.checkoutKey;
    findPlacedOrder(key)
      .then((found) => {
        if (!found) return; // not placed (yet): paying again is safe, the key stays the same
        cartActions.orderPlaced(key);
        setPlacedOrderId(found.orderId);
      })
      .catch(() => undefined); // offline or signed out: the cart stays as it is
  }, [cart, findPlacedOrder]);
  return placedOrderId;
}

export function PlacedOrderNotice({ orderId }: { orderId: number }) {
  return (
    <Alert tone="success">
      Your order #{orderId} was placed and paid, so your cart is empty now.{' '}
      <Link href={`/delivery/${orderId}`} className="font-semibold underline underline-offset-2">
        See its delivery
      </Link>
    </Alert>
  );
}
