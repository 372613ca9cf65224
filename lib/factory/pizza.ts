import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { sign, verify } from './keys';
import type { Vendor } from './vendors';

/** Making and checking pizzas: the factory's side of the contract. */

export const MAX_ITEMS_PER_ORDER = 20;
export const PIZZA_TTL_SECONDS = 30 * 86_400;

const positiveInt = z.number().int().positive();
export const pizzaRequest = z.object({
  diner: z.object({ id: positiveInt, name: z.string().min(1).max(200), email: z.string().min(3).max(254) }),
  order: z.object({
    id: positiveInt,
    franchiseId: positiveInt,
    storeId: positiveInt,
    items: z.array(z.object({ menuId: positiveInt, description: z.string().max(300), price: z.number().nonnegative() })),
  }),
});
export type PizzaRequest = z.infer<typeof pizzaRequest>;

export async function makePizza(vendor: Vendor, request: PizzaRequest): Promise<{ jwt: string }> {
  const count = request.order.items.length;
  if (count === 0 || count > MAX_ITEMS_PER_ORDER) {
    throw new AppError('unavailable', `the factory makes orders of 1 to ${MAX_ITEMS_PER_ORDER} pizzas; this one has ${count}`);
  }
  const jwt = await sign({ vendor: { id: vendor.id, name: vendor.name }, diner: request.diner, order: request.order }, PIZZA_TTL_SECONDS);
  return { jwt };
}

export async function checkPizza(jwt: string): Promise<{ message: 'valid'; payload: unknown }> {
  try {
    return { message: 'valid', payload: await verify(jwt) };
  } catch {
    throw new AppError('forbidden', 'invalid');
  }
}
