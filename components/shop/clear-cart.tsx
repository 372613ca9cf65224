'use client';

import { useEffect } from 'react';
import { cartActions } from './cart-store';

/** Empties the cart once an order is paid, and drops the "just placed" flag from the URL. */
export function ClearCartOnArrival({ path }: { path: string }) {
  useEffect(() => {
    cartActions.emptyItems();
    window.history.replaceState(null, '', path);
  }, [path]);
  return null;
}
