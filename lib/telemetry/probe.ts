import 'server-only';
import { orderPizza, warmUp, type PizzaOrder } from '@/lib/factory-client';
import { setLastProbe, type ProbeResult } from './probe-state';
import { every } from './schedule';

/**
 * The synthetic probe: a canary order through the same door as customers' orders (factory
 * client, time budget, breaker, recording), so the factory is measured even when nobody
 * orders. It is labelled origin=probe and creates no Order row, so it is never a sale.
 */

/** A synthetic diner and order; the ids are placeholders the factory only signs. */
export const PROBE_ORDER: PizzaOrder = {
  diner: { id: 1, name: 'latency probe', email: 'probe@jwt.pizza' },
  order: { id: 1, franchiseId: 1, storeId: 1, items: [{ menuId: 1, description: 'latency probe (synthetic, not a sale)', price: 0 }] },
};

export async function runProbe(): Promise<ProbeResult> {
  const at = Date.now();
  const started = performance.now();
  const result = await orderPizza(PROBE_ORDER, { origin: 'probe' });
  const probe = { at, durationMs: performance.now() - started, status: result.ok ? 'ok' : result.kind };
  setLastProbe(probe);
  return probe;
}

const WARM_UP_ATTEMPTS = 10;
const WARM_UP_GAP_MS = 1_000;

/** Starts the probe once the factory has answered one warm-up order (or after the attempts). */
export function startProbe(intervalMs: number): void {
  if (intervalMs <= 0) return;
  const warm = async (attempt: number): Promise<void> => {
    // The server may not listen yet (start-up runs before it does): try again shortly.
    if (attempt < WARM_UP_ATTEMPTS && !(await warmUp(PROBE_ORDER).catch(() => false))) {
      setTimeout(() => void warm(attempt + 1), WARM_UP_GAP_MS).unref();
      return;
    }
    every('probe', intervalMs, runProbe);
  };
  setTimeout(() => void warm(0), WARM_UP_GAP_MS).unref();
}
