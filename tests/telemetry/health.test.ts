import { describe, expect, it } from 'vitest';
import { judgeFactory, type HealthInput } from '@/lib/telemetry/health';

const calm: HealthInput = {
  lastMinute: { count: 40, p99: 180, max: 240, errorRate: 0, timeouts: 0 },
  oldestInFlightMs: null,
  breakers: ['closed', 'closed'],
  sloMs: 1_000,
  timeoutMs: 2_000,
};
const judge = (change: Partial<HealthInput> & { minute?: Partial<HealthInput['lastMinute']> }) =>
  judgeFactory({ ...calm, ...change, lastMinute: { ...calm.lastMinute, ...change.minute } });

describe('the factory headline', () => {
  it('is healthy within the objective', () => {
    expect(judge({})).toEqual({ state: 'healthy', reasons: ['p99 180 ms within the 1.0 s objective'] });
  });

  it('is down when a breaker is open, most calls fail, or a call hangs past the budget', () => {
    expect(judge({ breakers: ['closed', 'open'] })).toMatchObject({ state: 'down', reasons: ['circuit breaker open on 1 of 2 instances'] });
    expect(judge({ minute: { errorRate: 0.6 } })).toMatchObject({ state: 'down', reasons: ['60% of calls failed or timed out in the last minute'] });
    // The incident: nothing has come back yet, but a call has hung for 20 s.
    expect(judge({ minute: { count: 0, p99: null, max: null, errorRate: null }, oldestInFlightMs: 20_000 })).toMatchObject({
      state: 'down',
      reasons: ['a call has been in flight for 20 s, past the 2.0 s budget'],
    });
    // With a long budget, ten times the objective is enough.
    expect(judge({ timeoutMs: 60_000, oldestInFlightMs: 12_000 })).toMatchObject({ state: 'down', reasons: ['a call has been in flight for 12 s, over 10× the objective'] });
  });

  it('is degraded when slow, failing now and then, half-open or timing out', () => {
    expect(judge({ minute: { p99: 32_000 }, timeoutMs: 60_000 })).toMatchObject({ state: 'degraded', reasons: ['p99 32 s is above the 1.0 s objective'] });
    expect(judge({ minute: { errorRate: 0.05 } }).state).toBe('degraded');
    expect(judge({ breakers: ['half-open'] }).state).toBe('degraded');
    expect(judge({ minute: { timeouts: 1 } })).toMatchObject({ state: 'degraded', reasons: ['1 call timed out in the last minute'] });
  });

  it('is unknown with nothing to judge by', () => {
    expect(judge({ minute: { count: 0, p99: null, max: null, errorRate: null } }).state).toBe('unknown');
  });
});
