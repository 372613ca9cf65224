import type { CallKind, CallLabels } from './labels';

/**
 * Calls that have started and not yet finished, per process (on globalThis, so every route
 * bundle shares one registry). A call that hangs is visible here, with its age, while it hangs.
 */

export interface InFlightCall extends CallLabels {
  startedAt: number;
}

// The calls themselves, in start order (a Set keeps insertion order): no ids, no entries to allocate.
const globalForInFlight = globalThis as unknown as { __jwtPizzaInFlight?: Set<InFlightCall> };

function registry(): Set<InFlightCall> {
  return (globalForInFlight.__jwtPizzaInFlight ??= new Set());
}

export function beginInFlight(call: InFlightCall): void {
  registry().add(call);
}

export function endInFlight(call: InFlightCall): void {
  registry().delete(call);
}

export interface InFlightSummary {
  count: number;
  /** Epoch ms of the oldest call still in flight, or null. */
  oldestStartedAt: number | null;
  oldest: InFlightCall | null;
}

/** Count and oldest of the calls of the given kinds. */
export function inFlightSummary(kinds: readonly CallKind[]): InFlightSummary {
  let count = 0;
  let oldest: InFlightCall | null = null;
  for (const call of registry()) {
    if (!kinds.includes(call.kind)) continue;
    count += 1;
    if (!oldest || call.startedAt < oldest.startedAt) oldest = call;
  }
  return { count, oldestStartedAt: oldest?.startedAt ?? null, oldest };
}

export const FACTORY_KINDS: readonly CallKind[] = ['factory'];
export const REQUEST_KINDS: readonly CallKind[] = ['api', 'page', 'action'];
