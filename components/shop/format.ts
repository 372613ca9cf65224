import { btcToSat } from '@/lib/store/money';

export const pizzaCount = (n: number) => `${n} ${n === 1 ? 'pizza' : 'pizzas'}`;

/** An order's items grouped by pizza, in order of first appearance, with exact satoshi subtotals. */
export function groupItems(items: { menuId: number; description: string; price: number }[]) {
  const groups = new Map<string, { description: string; quantity: number; priceSat: number }>();
  for (const item of items) {
    const key = `${item.menuId}:${item.description}:${item.price}`;
    const group = groups.get(key);
    const priceSat = btcToSat(item.price);
    if (group) {
      group.quantity += 1;
      group.priceSat += priceSat;
    } else groups.set(key, { description: item.description, quantity: 1, priceSat });
  }
  return [...groups.values()];
}

export const itemSummary = (items: { menuId: number; description: string; price: number }[]) =>
  groupItems(items)
    .map((g) => (g.quantity > 1 ? `${g.quantity} × ${g.description}` : g.description))
    .join(', ');
