/**
 * A rule's alert state machine, as pure functions, with Prometheus semantics:
 * - normal → pending when the condition turns active (or straight to firing when forMs is 0);
 * - pending → firing once it has been active for forMs; back to normal if it stops before;
 * - firing stays firing while active, and for keepFiringForMs after it last was (no flapping);
 * - firing → resolved after that; resolved behaves like normal when the condition returns.
 */

export type AlertStateName = 'normal' | 'pending' | 'firing' | 'resolved';

export interface AlertState {
  state: AlertStateName;
  /** When the current state was entered (ms since epoch). */
  since: number;
  /** Start of the current active period (pending or firing), or null. */
  activeAt: number | null;
  /** Last evaluation at which the condition was active, or null. */
  lastActiveAt: number | null;
  /** The last evaluated value (e.g. the burn rate or the latency), or null. */
  value: number | null;
}

export interface Observation {
  active: boolean;
  value: number | null;
}

export interface Timing {
  forMs: number;
  keepFiringForMs: number;
}

export interface Transition {
  from: AlertStateName;
  to: AlertStateName;
  at: number;
  value: number | null;
}

export interface Step {
  next: AlertState;
  transition: Transition | null;
}

export const initialState = (now: number): AlertState => ({ state: 'normal', since: now, activeAt: null, lastActiveAt: null, value: null });

export function step(previous: AlertState, observation: Observation, now: number, timing: Timing): Step {
  const { active, value } = observation;
  const move = (to: AlertStateName, patch: Partial<AlertState>): Step => {
    const next: AlertState = { ...previous, ...patch, value };
    if (to === previous.state) return { next, transition: null };
    return { next: { ...next, state: to, since: now }, transition: { from: previous.state, to, at: now, value } };
  };

  switch (previous.state) {
    case 'normal':
    case 'resolved':
      if (!active) return move(previous.state, {});
      return move(timing.forMs <= 0 ? 'firing' : 'pending', { activeAt: now, lastActiveAt: now });
    case 'pending':
      if (!active) return move('normal', { activeAt: null });
      if (now - (previous.activeAt ?? now) >= timing.forMs) return move('firing', { lastActiveAt: now });
      return move('pending', { lastActiveAt: now });
    case 'firing':
      if (active) return move('firing', { lastActiveAt: now });
      if (now - (previous.lastActiveAt ?? now) >= timing.keepFiringForMs) return move('resolved', { activeAt: null });
      return move('firing', {});
  }
}
