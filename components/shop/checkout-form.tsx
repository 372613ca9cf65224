'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { Price } from '@/components/ui/price';
import { SubmitButton } from '@/components/ui/submit-button';
import { signInPath } from '@/lib/auth/return-to';
import { cartActions, cartLines, findStore, useCart } from './cart-store';
import { idleForm, type FormAction } from '@/lib/form-state';
import { pizzaCount } from './format';
import { PizzaImage } from './pizza-image';
import { PlacedOrderNotice, usePlacedOrderCheck, type FindPlacedOrder } from './placed-order-check';
import { Skeleton } from './skeleton';
import type { ShopFranchise, ShopMenuItem } from './types';

/**
 * The cart as an order to pay for. Sends ids and the cart's checkout key only; the server
 * prices the order, and places one order per key however often Pay reaches it.
 */
export function CheckoutForm({
  action,
  findPlacedOrder,
  menu,
  franchises,
}: {
  action: FormAction;
  findPlacedOrder: FindPlacedOrder;
  menu: ShopMenuItem[];
  franchises: ShopFranchise[];
}) {
  const cart = useCart();
  const [state, formAction, paying] = useActionState(action, idleForm);
  const placedOrderId = usePlacedOrderCheck(cart, findPlacedOrder);
  const router = useRouter();

  useEffect(() => {
    if (state.status !== 'error') return;
    if (state.paidOrderId) cartActions.newCheckout();
    else cartActions.paymentRefused(); // an error answer means no order was placed
    if (state.signedOut) router.refresh(); // the header stops showing the diner
  }, [state, router]);

  if (cart === null) {
    return (
      <div role="status">
        <span className="sr-only">Loading your cart…</span>
        <Skeleton className="h-72" />
      </div>
    );
  }
  const { lines, count, totalSat, unavailable } = cartLines(cart.items, menu);
  // What a refused pay offers to do next.
  const nextStep = state.signedOut
    ? { href: signInPath('/checkout'), label: 'Sign in' }
    : state.paidOrderId
      ? { href: `/delivery/${state.paidOrderId}`, label: `See order #${state.paidOrderId}` }
      : state.storeClosed
        ? { href: '/menu', label: 'Choose another store' }
        : null;
  const choice = findStore(cart.store, franchises);

  if (count === 0) {
    return (
      <div className="space-y-4">
        {placedOrderId !== null && <PlacedOrderNotice orderId={placedOrderId} />}
        <EmptyState title="Your cart is empty" action={<ButtonLink href="/menu">Browse the menu</ButtonLink>}>
          Pick a store and a pizza or two, then come back here to pay.
        </EmptyState>
      </div>
    );
  }

  return (
    <form
      action={formAction}
      onSubmit={cartActions.paymentSent}
      className="rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm sm:p-6"
    >
      {state.status === 'error' && state.message && (
        <div className="mb-4">
          <Alert>
            {state.message}
            {nextStep && (
              <>
                {' '}
                <Link href={nextStep.href} className="font-semibold underline underline-offset-2">
                  {nextStep.label}
                </Link>
              </>
            )}
          </Alert>
        </div>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-char-900/10 pb-4">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold uppercase tracking-wide text-char-700">From</h2>
          {choice ? (
            <p className="text-lg font-bold text-char-900 wrap-anywhere">
              {choice.store.name} <span className="font-normal text-char-700">· {choice.franchise.name}</span>
            </p>
          ) : (
            <p className="text-sauce-700">Choose a store on the menu before paying.</p>
          )}
        </div>
        {paying ? (
          // Leaving now would not stop the payment; the diner waits for its answer.
          <Button type="button" variant="secondary" size="sm" disabled>
            Edit order
          </Button>
        ) : (
          <ButtonLink href="/menu" variant="secondary" size="sm">
            Edit order
          </ButtonLink>
        )}
      </div>

      <h2 className="sr-only">Items</h2>
      <ul className="divide-y divide-char-900/10">
        {lines.map(({ item, quantity }) => (
          <li key={item.id} className="flex items-center gap-4 py-3">
            <PizzaImage src={item.image} alt="" className="size-14 shrink-0 rounded-full bg-crust-100 object-contain p-1" />
            <div className="min-w-0 flex-1">
              <p className="font-semibold text-char-900">{item.title}</p>
              <p className="text-sm text-char-700">
                {quantity} × <Price sat={item.priceSat} />
              </p>
            </div>
            <Price sat={item.priceSat * quantity} className="font-semibold" />
          </li>
        ))}
      </ul>
      {unavailable > 0 && (
        <p className="mt-2 text-sm text-char-700">
          {pizzaCount(unavailable)} in your cart {unavailable === 1 ? 'is' : 'are'} no longer on the menu and will be left out.
        </p>
      )}

      <div className="mt-2 flex items-baseline justify-between border-t border-char-900/10 pt-4">
        <span className="font-semibold">Total ({pizzaCount(count)})</span>
        <Price sat={totalSat} className="text-2xl font-bold" />
      </div>

      {choice && (
        <>
          <input type="hidden" name="franchiseId" value={choice.franchise.id} />
          <input type="hidden" name="storeId" value={choice.store.id} />
        </>
      )}
      <input type="hidden" name="checkoutKey" value={cart.checkoutKey} />
      {lines.flatMap(({ item, quantity }) =>
        Array.from({ length: quantity }, (_, i) => <input key={`${item.id}-${i}`} type="hidden" name="menuId" value={item.id} />),
      )}

      <div className="mt-6 flex flex-col gap-2">
        <SubmitButton size="lg" disabled={!choice} pendingText="Baking your pizza…">
          Pay now
        </SubmitButton>
        <p className="text-center text-xs text-char-700" aria-live="polite">
          {paying ? 'Paying: please stay on this page until your order is confirmed.' : 'Demo checkout: no real bitcoin changes hands.'}
        </p>
      </div>
    </form>
  );
}
