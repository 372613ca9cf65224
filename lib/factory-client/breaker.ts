import 'server-only';
import { CircuitState, circuitBreaker, CountBreaker, handleWhenResult, isBrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

/**
 * The circuit breaker around factory orders, from cockatiel: a small, typed, maintained
 * library (Polly's design) whose CountBreaker opens on a *share* of failures over the last
 * calls, which works at the low traffic of the incident (the probe alone) as well as at
 * lunch rush. State is per instance and lives on globalThis so every route bundle shares it;
 * another instance keeps its own, and nothing depends on them agreeing.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Opens when more than half of the last 10 calls failed, once at least 3 were made. */
const WINDOW = { threshold: 0.5, size: 10, minimumNumberOfCalls: 3 };

interface Outcome {
  ok: boolean;
}

interface BreakerHolder {
  policy: CircuitBreakerPolicy;
  changedAt: number;
  closedListeners: (() => void)[];
}

const globalForBreaker = globalThis as unknown as { __jwtPizzaBreaker?: BreakerHolder };

function holder(): BreakerHolder {
  if (globalForBreaker.__jwtPizzaBreaker) return globalForBreaker.__jwtPizzaBreaker;
  const policy = circuitBreaker(
    handleWhenResult((result) => !(result as Outcome).ok),
    { halfOpenAfter: env().breakerCooldownMs, breaker: new CountBreaker(WINDOW) },
  );
  const created: BreakerHolder = { policy, changedAt: Date.now(), closedListeners: [] };
  policy.onStateChange((state) => {
    created.changedAt = Date.now();
    log.warn('factory circuit changed', { state: describe(state) });
  });
  policy.onReset(() => created.closedListeners.forEach((listener) => listener()));
  globalForBreaker.__jwtPizzaBreaker = created;
  return created;
}

function describe(state: CircuitState): BreakerState {
  if (state === CircuitState.Closed) return 'closed';
  if (state === CircuitState.HalfOpen) return 'half-open';
  return 'open';
}

export function breakerState(): { state: BreakerState; since: Date } {
  const { policy, changedAt } = holder();
  return { state: describe(policy.state), since: new Date(changedAt) };
}

/** Calls `listener` each time the circuit closes again after the factory recovered. */
export function onBreakerClosed(listener: () => void): void {
  holder().closedListeners.push(listener);
}

/**
 * Runs a factory call through the breaker; while it is open, answers at once with `whenOpen`.
 * After the cooldown one call is let through as a probe. cockatiel makes every other caller
 * wait for the probe's outcome (up to the whole time budget); here they are answered at once
 * instead, as while open: only the probe waits on a factory that is known to be failing.
 */
export async function throughBreaker<T extends Outcome>(call: () => Promise<T>, whenOpen: () => T): Promise<T> {
  const { policy } = holder();
  if (policy.state === CircuitState.HalfOpen) return whenOpen();
  try {
    return await policy.execute(call);
  } catch (error) {
    // Duck-typed: the policy may have been created by another route bundle's copy of cockatiel.
    if (isBrokenCircuitError(error)) return whenOpen();
    throw error;
  }
}
