import { describe, expect, it } from 'vitest';
import { initialState, step, type AlertState, type AlertStateName, type Timing, type Transition } from '@/lib/telemetry/alerts/state';

/**
 * In the style of `promtool test rules`: a series of (second, value) inputs evaluated every
 * interval against "value > threshold", and the expected state (and transitions) at given times.
 */

interface Run {
  states: Map<number, AlertStateName>;
  transitions: { at: number; from: AlertStateName; to: AlertStateName }[];
  last: AlertState;
}

function run(series: [number, number][], timing: Timing, threshold = 1_000): Run {
  let state = initialState(0);
  const states = new Map<number, AlertStateName>();
  const transitions: Run['transitions'] = [];
  for (const [t, value] of series) {
    const { next, transition } = step(state, { active: value > threshold, value }, t * 1000, timing);
    state = next;
    states.set(t, next.state);
    if (transition) transitions.push(seconds(transition));
  }
  return { states, transitions, last: state };
}

const seconds = (t: Transition) => ({ at: t.at / 1000, from: t.from, to: t.to });

/** "0 0 5000x4 0" → one value per 2 s evaluation, like promtool's expanding notation. */
function series(spec: string, intervalS = 2): [number, number][] {
  const values = spec.split(' ').flatMap((token) => {
    const [v, times] = token.split('x');
    return Array.from({ length: times ? Number(times) : 1 }, () => Number(v));
  });
  return values.map((v, i) => [i * intervalS, v]);
}

const expectStates = (r: Run, expected: Record<number, AlertStateName>) => {
  for (const [t, s] of Object.entries(expected)) expect([Number(t), r.states.get(Number(t))]).toEqual([Number(t), s]);
};

describe('alert state machine', () => {
  it('goes pending, then firing once active for forMs', () => {
    const r = run(series('100 5000x6 100'), { forMs: 6_000, keepFiringForMs: 0 });
    expectStates(r, { 0: 'normal', 2: 'pending', 4: 'pending', 6: 'pending', 8: 'firing', 12: 'firing', 14: 'resolved' });
    expect(r.transitions).toEqual([
      { at: 2, from: 'normal', to: 'pending' },
      { at: 8, from: 'pending', to: 'firing' },
      { at: 14, from: 'firing', to: 'resolved' },
    ]);
  });

  it('never fires for a blip shorter than forMs', () => {
    const r = run(series('100 5000x2 100x3 5000 100'), { forMs: 10_000, keepFiringForMs: 0 });
    expect([...r.states.values()]).not.toContain('firing');
    expect(r.transitions).toEqual([
      { at: 2, from: 'normal', to: 'pending' },
      { at: 6, from: 'pending', to: 'normal' },
      { at: 12, from: 'normal', to: 'pending' },
      { at: 14, from: 'pending', to: 'normal' },
    ]);
  });

  it('fires at the first active evaluation when forMs is 0', () => {
    const r = run(series('100 32000 100'), { forMs: 0, keepFiringForMs: 0 });
    expectStates(r, { 0: 'normal', 2: 'firing', 4: 'resolved' });
    expect(r.transitions[0]).toEqual({ at: 2, from: 'normal', to: 'firing' });
  });

  it('keeps firing through short gaps instead of flapping', () => {
    // Active, inactive for 4 s, active again: with a 10 s keep-firing period, one firing episode.
    const r = run(series('100 5000 100x2 5000 100 5000'), { forMs: 0, keepFiringForMs: 10_000 });
    expectStates(r, { 2: 'firing', 4: 'firing', 6: 'firing', 8: 'firing', 10: 'firing', 12: 'firing' });
    expect(r.transitions).toEqual([{ at: 2, from: 'normal', to: 'firing' }]);
  });

  it('without keep-firing the same series flaps', () => {
    const r = run(series('100 5000 100x2 5000 100 5000'), { forMs: 0, keepFiringForMs: 0 });
    expect(r.transitions.map((t) => t.to)).toEqual(['firing', 'resolved', 'firing', 'resolved', 'firing']);
  });

  it('resolves once the keep-firing period has passed since it was last active', () => {
    const r = run(series('5000x2 100x6'), { forMs: 0, keepFiringForMs: 8_000 });
    // Last active at 2 s: still firing at 8 s, resolved at 10 s (2 + 8).
    expectStates(r, { 0: 'firing', 2: 'firing', 8: 'firing', 10: 'resolved', 14: 'resolved' });
    expect(r.transitions).toEqual([
      { at: 0, from: 'normal', to: 'firing' },
      { at: 10, from: 'firing', to: 'resolved' },
    ]);
    expect(r.last.since).toBe(10_000);
  });

  it('fires again after resolving, through pending when forMs > 0', () => {
    const r = run(series('5000x3 100x2 5000x3'), { forMs: 4_000, keepFiringForMs: 0 });
    expect(r.transitions).toEqual([
      { at: 0, from: 'normal', to: 'pending' },
      { at: 4, from: 'pending', to: 'firing' },
      { at: 6, from: 'firing', to: 'resolved' },
      { at: 10, from: 'resolved', to: 'pending' },
      { at: 14, from: 'pending', to: 'firing' },
    ]);
    expect(r.last).toMatchObject({ state: 'firing', since: 14_000, activeAt: 10_000, value: 5000 });
  });

  it('carries the latest value without a transition while the state holds', () => {
    const first = step(initialState(0), { active: true, value: 7 }, 1_000, { forMs: 0, keepFiringForMs: 0 });
    const second = step(first.next, { active: true, value: 9 }, 2_000, { forMs: 0, keepFiringForMs: 0 });
    expect(second.transition).toBeNull();
    expect(second.next).toMatchObject({ state: 'firing', since: 1_000, value: 9, lastActiveAt: 2_000 });
  });
});
