import type { CallKind, CallLabels } from './labels';

/**
 * Calls that have started and not yet finished, per process (on globalThis, so every route
 * bundle shares one registry). A call that hangs is visible here, with its age, while it hangs.
 */

export interface InFlightCall extends CallLabels {
  startedAt: number;
}

interface Registry {
  next: number;
  calls: Map<number, InFlightCall>;
}

const globalForInFlight = globalThis as unknown as { __jwtPizzaInFlight?: Registry };

function registry(): Registry {
  globalForInFlight.__jwtPizzaInFlight ??= { next: 1, calls: new Map() };
  return globalForInFlight.__jwtPizzaInFlight;
}

export function beginInFlight(call: InFlightCall): number {
  const r = registry();
  const id = r.next++;
  r.calls.set(id, call);
  return id;
}

export function endInFlight(id: number): void {
  registry().calls.delete(id);
}

export interface InFlightSummary {
  count: number;
  /** Epoch ms of the oldest call still in flight, or null. */
  oldestStartedAt: number | null;
  oldest: InFlightCall | null;
}

/** Count and oldest of the calls of the given kinds. The map keeps start order, so the first match is the oldest. */
export function inFlightSummary(kinds: readonly CallKind[]): InFlightSummary {
  let count = 0;
  let oldest: InFlightCall | null = null;
  for (const call of registry().calls.values()) {
    if (!kinds.includes(call.kind)) continue;
    count += 1;
    if (!oldest || call.startedAt < oldest.startedAt) oldest = call;
  }
  return { count, oldestStartedAt: oldest?.startedAt ?? null, oldest };
}

export const FACTORY_KINDS: readonly CallKind[] = ['factory'];
export const REQUEST_KINDS: readonly CallKind[] = ['api', 'page', 'action'];
