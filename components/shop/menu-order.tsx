'use client';

import { useRef } from 'react';
import { MAX_ORDER_ITEMS } from '@/lib/api/schemas';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { Price } from '@/components/ui/price';
import { cartActions, cartLines, findStore, useCart, type Cart } from './cart-store';
import { pizzaCount } from './format';
import { PizzaImage } from './pizza-image';
import { PlacedOrderNotice, usePlacedOrderCheck, type FindPlacedOrder } from './placed-order-check';
import type { ShopFranchise, ShopMenuItem } from './types';

/** The ordering screen: choose a store, add pizzas, see the running total, go to checkout. */
export function MenuOrder({
  menu,
  franchises,
  findPlacedOrder,
}: {
  menu: ShopMenuItem[];
  franchises: ShopFranchise[];
  findPlacedOrder: FindPlacedOrder;
}) {
  const cart = useCart();
  const placedOrderId = usePlacedOrderCheck(cart, findPlacedOrder);
  const hydrated = cart !== null;
  const choice = findStore(cart?.store ?? null, franchises);
  const summary = cartLines(cart?.items ?? [], menu);
  const quantities = new Map(summary.lines.map((l) => [l.item.id, l.quantity]));
  const full = (cart?.items.length ?? 0) >= MAX_ORDER_ITEMS;
  const openStores = franchises.some((f) => f.stores.length > 0);

  return (
    <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-10">
        {placedOrderId !== null && <PlacedOrderNotice orderId={placedOrderId} />}
        <section aria-labelledby="stores-heading">
          <h2 id="stores-heading" className="mb-3 text-xl font-bold text-char-900">
            1. Choose a store
          </h2>
          {cart?.store && !choice && (
            <div className="mb-3">
              <Alert tone="info">The store you chose earlier has closed. Please choose another one.</Alert>
            </div>
          )}
          {openStores ? (
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              {franchises.map((franchise) => (
                <StorePicker key={franchise.id} franchise={franchise} cart={cart} />
              ))}
            </div>
          ) : (
            <EmptyState title="No stores are open right now">
              Our franchises are warming up their ovens. Please check back soon.
            </EmptyState>
          )}
        </section>

        <section aria-labelledby="pizzas-heading">
          <h2 id="pizzas-heading" className="mb-3 text-xl font-bold text-char-900">
            2. Pick your pizzas
          </h2>
          {menu.length === 0 ? (
            <EmptyState title="The menu is empty">No pizzas on offer yet. Please check back soon.</EmptyState>
          ) : (
            <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {menu.map((item) => (
                <li key={item.id}>
                  <PizzaCard item={item} quantity={quantities.get(item.id) ?? 0} canAdd={hydrated && !full} />
                </li>
              ))}
            </ul>
          )}
          {full && (
            <p className="mt-3 text-sm text-char-700" role="status">
              An order holds at most {MAX_ORDER_ITEMS} pizzas.
            </p>
          )}
        </section>
      </div>

      <aside aria-labelledby="cart-heading" className="lg:sticky lg:top-24 lg:self-start">
        <div className="rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm">
          <h2 id="cart-heading" className="text-lg font-bold text-char-900">
            Your order
          </h2>
          <p className="mt-1 text-sm text-char-700 wrap-anywhere">
            {choice ? (
              <>
                From <strong className="text-char-900">{choice.store.name}</strong> · {choice.franchise.name}
              </>
            ) : (
              'No store chosen yet'
            )}
          </p>
          {summary.lines.length === 0 ? (
            <p className="mt-4 text-sm text-char-700">Your cart is empty. Add a pizza to get started.</p>
          ) : (
            <ul className="mt-4 space-y-2 text-sm">
              {summary.lines.map(({ item, quantity }) => (
                <li key={item.id} className="flex justify-between gap-3">
                  <span>
                    {quantity} × {item.title}
                  </span>
                  <Price sat={item.priceSat * quantity} className="text-char-800" />
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4 flex items-baseline justify-between border-t border-char-900/10 pt-4">
            <span className="font-semibold">Total</span>
            <Price sat={summary.totalSat} className="text-lg font-bold" />
          </div>
          <p className="sr-only" aria-live="polite">
            {pizzaCount(summary.count)} in your cart
          </p>
          <div className="mt-4 flex flex-col gap-2">
            <CheckoutAction ready={!!choice && summary.count > 0} hasStore={!!choice} />
            {summary.count > 0 && (
              <Button variant="ghost" size="sm" onClick={cartActions.emptyItems}>
                Empty cart
              </Button>
            )}
          </div>
        </div>
      </aside>

      {summary.count > 0 && (
        <div data-checkout-bar className="fixed inset-x-0 bottom-0 z-20 border-t border-char-900/10 bg-white/95 px-4 py-3 shadow-[0_-4px_16px_rgb(0_0_0/0.06)] backdrop-blur lg:hidden">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-3">
            <div className="text-sm">
              <div className="font-semibold">{pizzaCount(summary.count)}</div>
              {choice ? <Price sat={summary.totalSat} className="text-char-700" /> : <span className="text-char-700">Choose a store first</span>}
            </div>
            <CheckoutAction ready={!!choice} hasStore={!!choice} compact />
          </div>
        </div>
      )}
    </div>
  );
}

function StorePicker({ franchise, cart }: { franchise: ShopFranchise; cart: Cart | null }) {
  const closed = franchise.stores.length === 0;
  return (
    <fieldset
      disabled={closed || cart === null}
      className={`min-w-0 rounded-2xl border border-char-900/10 bg-white p-4 shadow-sm ${closed ? 'opacity-60' : ''}`}
    >
      <legend className="sr-only">{franchise.name}</legend>
      <p aria-hidden="true" className="mb-2 font-semibold text-char-900 wrap-anywhere">
        {franchise.name}
      </p>
      {closed ? (
        <p className="text-sm text-char-700">No stores open yet</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          {franchise.stores.map((store) => (
            <label
              key={store.id}
              className="relative max-w-full rounded-2xl border border-char-900/15 px-4 py-2 text-sm wrap-anywhere font-semibold text-char-800 transition-colors hover:bg-crust-100 has-[:checked]:border-sauce-500 has-[:checked]:bg-sauce-500 has-[:checked]:text-white"
            >
              <input
                type="radio"
                name="store"
                className="absolute inset-0 cursor-pointer appearance-none rounded-2xl disabled:cursor-not-allowed"
                value={store.id}
                checked={cart?.store?.storeId === store.id && cart.store.franchiseId === franchise.id}
                onChange={() => cartActions.chooseStore({ franchiseId: franchise.id, storeId: store.id })}
              />
              {store.name}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function PizzaCard({ item, quantity, canAdd }: { item: ShopMenuItem; quantity: number; canAdd: boolean }) {
  const addButton = useRef<HTMLButtonElement>(null);
  const removeOne = () => {
    cartActions.removeOne(item.id);
    // The last one out removes the − button under the focus: it moves to Add.
    if (quantity === 1) addButton.current?.focus();
  };
  return (
    <article className="flex h-full overflow-hidden rounded-2xl border border-char-900/10 bg-white shadow-sm sm:flex-col">
      <div className="flex w-28 shrink-0 items-center bg-crust-100 p-2 sm:w-auto sm:p-4">
        <PizzaImage src={item.image} alt="" className="mx-auto aspect-square w-full max-w-48 object-contain" />
      </div>
      <div className="flex min-w-0 flex-1 flex-col p-4">
        <div className="flex items-start justify-between gap-3">
          <h3 className="font-bold text-char-900">{item.title}</h3>
          <Price sat={item.priceSat} className="font-semibold text-sauce-700" />
        </div>
        <p className="mt-1 flex-1 text-sm text-char-700 wrap-anywhere">{item.description}</p>
        {/* The add button stays one element as Add turns into +, so keyboard focus stays on it. */}
        <div className="mt-3 flex items-center justify-end gap-3 sm:mt-4">
          {quantity > 0 && (
            <Button variant="secondary" size="sm" className="w-8 px-0" onClick={removeOne} aria-label={`Remove ${item.title}`}>
              −
            </Button>
          )}
          {quantity > 0 && (
            <span className="min-w-6 text-center font-semibold tabular-nums">
              {quantity}
              <span className="sr-only"> in cart</span>
            </span>
          )}
          {/* aria-disabled, not disabled, when the cart is full: the 20th pizza's + keeps the focus. */}
          <Button
            ref={addButton}
            size="sm"
            className={quantity > 0 ? 'w-8 px-0' : ''}
            onClick={() => canAdd && cartActions.add(item.id)}
            aria-disabled={!canAdd || undefined}
            aria-label={`Add ${item.title}`}
          >
            {quantity > 0 ? '+' : 'Add'}
          </Button>
        </div>
      </div>
    </article>
  );
}

function CheckoutAction({ ready, hasStore, compact = false }: { ready: boolean; hasStore: boolean; compact?: boolean }) {
  if (ready) {
    return (
      <ButtonLink href="/checkout" size={compact ? 'md' : 'lg'}>
        Checkout
      </ButtonLink>
    );
  }
  return (
    <>
      <Button size={compact ? 'md' : 'lg'} disabled>
        Checkout
      </Button>
      {!compact && <p className="text-center text-xs text-char-700">{hasStore ? 'Add a pizza to continue' : 'Choose a store to continue'}</p>}
    </>
  );
}
