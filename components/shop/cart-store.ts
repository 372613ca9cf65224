import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { MAX_ORDER_ITEMS } from '@/lib/api/schemas';

/**
 * The cart lives in localStorage so it survives signing in and reloads, and stays in step
 * across tabs. It holds ids only: names and prices always come from the server's menu.
 */
const STORAGE_KEY = 'jwt-pizza-cart';

const cartSchema = z.object({
  store: z.object({ franchiseId: z.number().int(), storeId: z.number().int() }).nullable(),
  items: z.array(z.number().int()).max(MAX_ORDER_ITEMS),
});
export type Cart = z.infer<typeof cartSchema>;
export type StoreChoice = NonNullable<Cart['store']>;

const EMPTY: Cart = { store: null, items: [] };
const listeners = new Set<() => void>();
let memory: string | null = null; // used when localStorage is unavailable
let snapshot: { raw: string | null; cart: Cart } = { raw: null, cart: EMPTY };

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return memory;
  }
}

function getSnapshot(): Cart {
  const raw = readRaw();
  if (raw !== snapshot.raw) {
    let cart = EMPTY;
    try {
      cart = raw ? (cartSchema.safeParse(JSON.parse(raw)).data ?? EMPTY) : EMPTY;
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
  /** Keeps the store, so the next order starts where the last one was made. */
  emptyItems: () => write({ ...getSnapshot(), items: [] }),
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
