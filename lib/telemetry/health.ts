import type { FactoryStatus, HealthState } from './view';

/**
 * The factory's headline state, from the last minute of calls (all instances), the oldest
 * call in flight and every live instance's breaker. Pure, so the rules are easy to test and
 * to read: down when it is failing or hanging past the budget, degraded when it is slower
 * than its objective or failing now and then, unknown when there is nothing to judge by.
 */
export interface HealthInput {
  lastMinute: FactoryStatus['lastMinute'];
  oldestInFlightMs: number | null;
  breakers: string[];
  sloMs: number;
  timeoutMs: number;
}

const seconds = (ms: number) => (ms >= 10_000 ? `${Math.round(ms / 1000)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function judgeFactory(input: HealthInput): { state: HealthState; reasons: string[] } {
  const { lastMinute: m, oldestInFlightMs: hanging, breakers, sloMs, timeoutMs } = input;
  const down: string[] = [];
  const degraded: string[] = [];
  const open = breakers.filter((b) => b === 'open').length;
  if (open > 0) down.push(`circuit breaker open on ${open} of ${breakers.length} instance${breakers.length === 1 ? '' : 's'}`);
  if (m.errorRate !== null && m.errorRate >= 0.5) down.push(`${percent(m.errorRate)} of calls failed or timed out in the last minute`);
  // A call hanging past the budget, or ten times the objective, is an outage for whoever waits on it.
  const hangLimit = Math.min(timeoutMs, 10 * sloMs);
  if (hanging !== null && hanging >= hangLimit) {
    down.push(`a call has been in flight for ${seconds(hanging)}${hanging >= timeoutMs ? `, past the ${seconds(timeoutMs)} budget` : `, over 10× the objective`}`);
  }
  if (down.length) return { state: 'down', reasons: down };

  if (breakers.includes('half-open')) degraded.push('circuit breaker half-open (testing the factory)');
  if (m.p99 !== null && m.p99 > sloMs) degraded.push(`p99 ${seconds(m.p99)} is above the ${seconds(sloMs)} objective`);
  if (m.errorRate !== null && m.errorRate > 0.01) degraded.push(`${percent(m.errorRate)} of calls failed in the last minute`);
  if (m.timeouts > 0) degraded.push(`${m.timeouts} call${m.timeouts === 1 ? '' : 's'} timed out in the last minute`);
  if (hanging !== null && hanging > sloMs) degraded.push(`a call has been in flight for ${seconds(hanging)}`);
  if (degraded.length) return { state: 'degraded', reasons: degraded };

  if (m.count === 0 && hanging === null) return { state: 'unknown', reasons: ['no factory calls in the last minute'] };
  return { state: 'healthy', reasons: [`p99 ${m.p99 === null ? '–' : seconds(m.p99)} within the ${seconds(sloMs)} objective`] };
}
