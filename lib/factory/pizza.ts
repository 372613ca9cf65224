import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { currentConfig } from './config';
import { sign, verify } from './keys';
import type { Vendor } from './vendors';

/** Making and checking pizzas: the factory's side of the contract. */


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

/** Waits for the oven, or stops early when the caller has gone. */
function bake(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Breaks a token's signature while keeping its shape, as the badjwt drill does. */
function corrupt(jwt: string): string {
  const [header, payload, signature = ''] = jwt.split('.');
  return `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
}

/** Makes a pizza exactly as the configuration in force says. */
export async function makePizza(
  vendor: Vendor,
  request: PizzaRequest,
  signal?: AbortSignal,
  random: () => number = Math.random,
): Promise<{ jwt: string }> {
  const { document: config, version } = await currentConfig();
  const count = request.order.items.length;
  if (count === 0 || count > config.maxItemsPerOrder) {
    throw new AppError('unavailable', `the factory makes orders of 1 to ${config.maxItemsPerOrder} pizzas; this one has ${count}`);
  }
  await bake(config.processingDelayMs, signal);
  if (random() < config.failureRate) {
    throw new AppError('factory_failed', `the oven failed (factory configuration v${version})`);
  }
  const jwt = await sign({ vendor: { id: vendor.id, name: vendor.name }, diner: request.diner, order: request.order }, config.tokenTtlSeconds);
  return { jwt: random() < config.badJwtRate ? corrupt(jwt) : jwt };
}

export async function checkPizza(jwt: string): Promise<{ message: 'valid'; payload: unknown }> {
  try {
    return { message: 'valid', payload: await verify(jwt) };
  } catch {
    throw new AppError('forbidden', 'invalid');
  }
}
