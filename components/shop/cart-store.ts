import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { checkoutKey, MAX_ORDER_ITEMS } from '@/lib/api/schemas';

/**
 * The cart lives in localStorage so it survives signing in and reloads, and stays in step
 * across tabs. It holds ids only: names and prices always come from the server's menu.
 *
 * It also carries its checkout key, made here in the browser: the pay action sends it, and
 * the server places at most one order per diner and key. `paymentSent` is set when Pay is
 * pressed and cleared by an answer, so a diner who left mid-payment is told on return
 * whether the order was placed (placed-order-check.tsx).
 */
const STORAGE_KEY = 'jwt-pizza-cart';

const cartSchema = z.object({
  store: z.object({ franchiseId: z.number().int(), storeId: z.number().int() }).nullable(),
  items: z.array(z.number().int()).max(MAX_ORDER_ITEMS),
  // Optional: carts saved before keys existed get one when read.
  checkoutKey: checkoutKey.optional(),
  paymentSent: z.boolean().default(false),
});
export type Cart = z.infer<typeof cartSchema> & { checkoutKey: string };
export type StoreChoice = NonNullable<Cart['store']>;

/** 128 random bits as hex; getRandomValues works on plain http too, unlike randomUUID. */
function newCheckoutKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const emptyCart = (): Cart => ({ store: null, items: [], checkoutKey: newCheckoutKey(), paymentSent: false });
const listeners = new Set<() => void>();
let memory: string | null = null; // used when localStorage is unavailable
let snapshot: { raw: string | null; cart: Cart } | undefined;

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return memory;
  }
}

function getSnapshot(): Cart {
  const raw = readRaw();
  if (!snapshot || snapshot.raw !== raw) {
    let cart = emptyCart();
    try {
      const saved = raw ? cartSchema.safeParse(JSON.parse(raw)).data : undefined;
      if (saved) cart = { ...saved, checkoutKey: saved.checkoutKey ?? cart.checkoutKey };
    } catch {
      // A corrupt entry counts as an empty cart.
    }
    snapshot = { raw, cart };
  }
  return snapshot.cart;
}

function write(cart: Cart): void {
  const raw = JSON.stringify(cart);
  try {
    window.localStorage.setItem(STORAGE_KEY, raw);
  } catch {
    memory = raw;
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export const cartActions = {
  chooseStore: (store: StoreChoice) => write({ ...getSnapshot(), store }),
  add: (menuId: number) => {
    const cart = getSnapshot();
    if (cart.items.length < MAX_ORDER_ITEMS) write({ ...cart, items: [...cart.items, menuId] });
  },
  removeOne: (menuId: number) => {
    const cart = getSnapshot();
    const index = cart.items.lastIndexOf(menuId);
    if (index >= 0) write({ ...cart, items: cart.items.filter((_, i) => i !== index) });
  },
  /** Keeps the store, so the next order starts where the last one was made; a new order gets a new key. */
  emptyItems: () => write({ ...emptyCart(), store: getSnapshot().store }),
  /** Pay was pressed: until an answer comes, an order may exist for this cart's key. */
  paymentSent: () => write({ ...getSnapshot(), paymentSent: true }),
  /** The cart changed after its key was paid: the same pizzas are paid next time as a new order, under a new key. */
  newCheckout: () => write({ ...getSnapshot(), checkoutKey: newCheckoutKey(), paymentSent: false }),
  /** Pay was answered with an error: no order was placed. */
  paymentRefused: () => write({ ...getSnapshot(), paymentSent: false }),
  /** The order paid with this key was found: empties the cart, unless another tab already did. */
  orderPlaced: (checkoutKey: string) => {
    if (getSnapshot().checkoutKey === checkoutKey) cartActions.emptyItems();
  },
};

/** The cart, or null while rendering on the server and hydrating (localStorage is not known yet). */
export function useCart(): Cart | null {
  return useSyncExternalStore(subscribe, getSnapshot, () => null);
}

export interface CartLine<T> {
  item: T;
  quantity: number;
}

/**
 * The cart's pizzas grouped per menu item, in the order first added, priced from the menu.
 * Items no longer on the menu are dropped and counted.
 */
export function cartLines<T extends { id: number; priceSat: number }>(
  items: number[],
  menu: T[],
): { lines: CartLine<T>[]; count: number; totalSat: number; unavailable: number } {
  const byId = new Map(menu.map((m) => [m.id, m]));
  const lines = new Map<number, CartLine<T>>();
  let unavailable = 0;
  for (const menuId of items) {
    const item = byId.get(menuId);
    if (!item) {
      unavailable += 1;
      continue;
    }
    const line = lines.get(menuId);
    if (line) line.quantity += 1;
    else lines.set(menuId, { item, quantity: 1 });
  }
  const all = [...lines.values()];
  return {
    lines: all,
    count: all.reduce((n, l) => n + l.quantity, 0),
    totalSat: all.reduce((sum, l) => sum + l.item.priceSat * l.quantity, 0),
    unavailable,
  };
}

/** The chosen store if it is still open. */
export function findStore<F extends { id: number; name: string; stores: { id: number; name: string }[] }>(
  choice: StoreChoice | null,
  franchises: F[],
): { franchise: F; store: F['stores'][number] } | undefined {
  if (!choice) return undefined;
  const franchise = franchises.find((f) => f.id === choice.franchiseId);
  const store = franchise?.stores.find((s) => s.id === choice.storeId);
  return franchise && store ? { franchise, store } : undefined;
}
