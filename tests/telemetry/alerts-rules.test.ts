import { describe, expect, it } from 'vitest';
import { burnRate, criticalThresholdMs, defaultRules, evaluate, ruleSchema, windowsNeeded, type AlertRule, type RuleKind, type Snapshot, type WindowStats } from '@/lib/telemetry/alerts/rules';

const config = { sloTargetMs: 1_000, budgetMs: 10_000, probeIntervalMs: 15_000 };
const MIN = 60_000;
const HOUR = 60 * MIN;

function rule<K extends RuleKind>(kind: K, c = config): Extract<AlertRule, { kind: K }> {
  const found = defaultRules(c).find((r): r is Extract<AlertRule, { kind: K }> => r.kind === kind);
  if (!found) throw new Error(`no default ${kind} rule`);
  return found;
}

const stats = (p: Partial<WindowStats> = {}): WindowStats => ({ count: 0, slow: 0, errors: 0, timeouts: 0, maxMs: null, ...p });

function snapshot(p: Partial<Snapshot> = {}): Snapshot {
  return {
    now: 10 * HOUR,
    budgetMs: config.budgetMs,
    windows: new Map(),
    slowAboveMs: config.sloTargetMs,
    inFlightOldestMs: null,
    probes: [],
    breakers: [],
    lastMeasurementAt: 10 * HOUR - 1_000,
    expectedSince: 0,
    probeExpected: true,
    configChanges: [],
    smokeTests: [],
    smokeSeenUpTo: null,
    ...p,
  };
}

describe('default rules', () => {
  it('are the rules of the issue (the burn rate as a fast and a slow pair), plus the smoke test, all valid and derived from the configuration', () => {
    const rules = defaultRules(config);
    expect(rules.map((r) => r.kind)).toEqual(['latency_critical', 'burn_rate', 'burn_rate', 'error_rate', 'no_data', 'breaker_open', 'smoke_test', 'config_change']);
    // The slow pair warns: its 30 min short window must not hold an incident open after a fix.
    expect(rules.filter((r) => r.kind === 'burn_rate').map((r) => [r.id, r.severity])).toEqual([
      ['factory-slo-burn-rate', 'critical'],
      ['factory-slo-slow-burn', 'warning'],
    ]);
    for (const r of rules) expect(ruleSchema.safeParse(r).success).toBe(true);
    expect(rule('latency_critical')).toMatchObject({ thresholdMs: 5_000, forMs: 0, severity: 'critical' });
    expect(rule('burn_rate')).toMatchObject({ objective: 0.99, targetMs: 1_000 });
    expect(rule('config_change').severity).toBe('info');
  });

  it('cap the critical threshold at the order time budget', () => {
    expect(criticalThresholdMs({ ...config, budgetMs: 2_000 })).toBe(2_000);
    expect(rule('latency_critical', { ...config, budgetMs: 2_000 }).thresholdMs).toBe(2_000);
  });

  it('turn the no-data rule off when the probe is off', () => {
    expect(rule('no_data', { ...config, probeIntervalMs: 0 }).enabled).toBe(false);
    expect(rule('no_data').windowMs).toBe(60_000);
    expect(rule('no_data', { ...config, probeIntervalMs: 30_000 }).windowMs).toBe(100_000);
  });

  it('list the windows they need', () => {
    expect(windowsNeeded(defaultRules(config))).toEqual([30_000, 5 * MIN, 30 * MIN, HOUR, 6 * HOUR]);
  });
});

describe('rule schema', () => {
  it('rejects invalid rules with a reason', () => {
    const bad = { ...rule('burn_rate'), windows: [{ longMs: 5 * MIN, shortMs: HOUR, factor: 14.4 }] };
    const parsed = ruleSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('shorter');
    expect(ruleSchema.safeParse({ ...rule('latency_critical'), severity: 'page' }).success).toBe(false);
    expect(ruleSchema.safeParse({ ...rule('latency_critical'), kind: 'unknown' }).success).toBe(false);
  });
});

describe('latency critical', () => {
  const r = rule('latency_critical');

  it('fires from an in-flight age alone, with no completed call', () => {
    expect(evaluate(r, snapshot({ inFlightOldestMs: 5_200 }))).toMatchObject({ active: true, value: 5_200 });
    expect(evaluate(r, snapshot({ inFlightOldestMs: 4_000 }))).toMatchObject({ active: false, value: 4_000 });
  });

  it('fires from a completed slow call in its window', () => {
    const s = snapshot({ windows: new Map([[30_000, stats({ count: 3, maxMs: 32_000, slow: 1 })]]) });
    expect(evaluate(r, s)).toMatchObject({ active: true, value: 32_000 });
  });

  it('caps the threshold at the budget, and a timeout counts as reaching it', () => {
    const above = { ...r, thresholdMs: 60_000 };
    const tight = snapshot({ budgetMs: 2_000, inFlightOldestMs: 2_000 });
    expect(evaluate(above, tight).active).toBe(true);
    const timedOut = snapshot({ budgetMs: 2_000, windows: new Map([[30_000, stats({ count: 1, errors: 1, timeouts: 1, maxMs: 1_990 })]]) });
    expect(evaluate(above, timedOut).active).toBe(true);
  });

  it('fires from a probe that just timed out or was slow, seen in the heartbeats', () => {
    const now = 10 * HOUR;
    const tight = (probes: Snapshot['probes']) => evaluate(r, snapshot({ budgetMs: 2_000, probes }));
    expect(tight([{ at: now - 1_000, durationMs: 2_004, status: 'timeout' }])).toMatchObject({ active: true, value: 2_004 });
    expect(tight([{ at: now - 1_000, durationMs: 1_950, status: 'timeout' }]).active).toBe(true);
    expect(tight([{ at: now - 1_000, durationMs: 300, status: 'ok' }])).toMatchObject({ active: false, value: 300 });
    // Outside the rule's window, an old probe no longer counts.
    expect(tight([{ at: now - 40_000, durationMs: 2_004, status: 'timeout' }])).toMatchObject({ active: false, value: null });
  });

  it('is quiet without data', () => {
    expect(evaluate(r, snapshot())).toEqual({ active: false, value: null, notes: [] });
  });
});

describe('burn rate', () => {
  const r = rule('burn_rate');
  const windows = (entries: [number, WindowStats][]) => new Map(entries);

  it('computes the share of slow calls over the error budget', () => {
    expect(burnRate(stats({ count: 1_000, slow: 150 }), 0.99)).toBeCloseTo(15);
    expect(burnRate(stats(), 0.99)).toBe(0);
  });

  it('fires only when both windows of a pair exceed the factor', () => {
    const longHot = stats({ count: 1_000, slow: 150 }); // 15×
    const shortHot = stats({ count: 100, slow: 20 }); // 20×
    const shortCool = stats({ count: 100, slow: 1 }); // 1×
    const hot = evaluate(r, snapshot({ windows: windows([[HOUR, longHot], [5 * MIN, shortHot]]) }));
    expect(hot.active).toBe(true);
    expect(hot.value).toBeCloseTo(15);
    // The short window recovered: the 1 h burn alone does not fire.
    const cooled = evaluate(r, snapshot({ windows: windows([[HOUR, longHot], [5 * MIN, shortCool]]) }));
    expect(cooled.active).toBe(false);
    expect(cooled.value).toBeCloseTo(1);
    // A short spike without a long burn does not fire.
    expect(evaluate(r, snapshot({ windows: windows([[HOUR, stats({ count: 1_000, slow: 20 })], [5 * MIN, shortHot]]) })).active).toBe(false);
  });

  it('warns on the slower pair (6 h / 30 min at 6×) when the fast pair is below 14.4×', () => {
    const seven = (count: number) => stats({ count, slow: (count * 7) / 100 }); // 7×
    const s = snapshot({ windows: windows([[HOUR, seven(1_000)], [5 * MIN, seven(100)], [6 * HOUR, seven(6_000)], [30 * MIN, seven(500)]]) });
    expect(evaluate(r, s).active).toBe(false);
    const slow = defaultRules(config).find((x) => x.id === 'factory-slo-slow-burn')!;
    const e = evaluate(slow, s);
    expect(e.active).toBe(true);
    expect(e.value).toBeCloseTo(7);
  });
});

describe('errors, no data, breaker, configuration', () => {
  it('error rate above the maximum with enough calls', () => {
    const r = rule('error_rate');
    const at = (p: Partial<WindowStats>) => evaluate(r, snapshot({ windows: new Map([[5 * MIN, stats(p)]]) }));
    expect(at({ count: 20, errors: 2, timeouts: 2 })).toMatchObject({ active: true, value: 0.1 });
    expect(at({ count: 20, errors: 1 })).toMatchObject({ active: false, value: 0.05 });
    expect(at({ count: 2, errors: 2 }).active).toBe(false);
  });

  it('no data when the probe should be measuring and nothing was written', () => {
    const r = rule('no_data');
    const now = 10 * HOUR;
    expect(evaluate(r, snapshot({ lastMeasurementAt: now - 61_000 }))).toMatchObject({ active: true, value: 61_000 });
    expect(evaluate(r, snapshot({ lastMeasurementAt: now - 20_000 })).active).toBe(false);
    expect(evaluate(r, snapshot({ lastMeasurementAt: now - 61_000, probeExpected: false })).active).toBe(false);
    // Just started: silence is only counted from when measurements could be expected.
    expect(evaluate(r, snapshot({ lastMeasurementAt: null, expectedSince: now - 5_000 })).active).toBe(false);
    expect(evaluate(r, snapshot({ lastMeasurementAt: null, expectedSince: now - 70_000 })).active).toBe(true);
  });

  it('breaker open on any instance', () => {
    const r = rule('breaker_open');
    expect(evaluate(r, snapshot({ breakers: [{ instanceId: 'a', state: 'closed' }, { instanceId: 'b', state: 'open' }] }))).toMatchObject({ active: true, value: 1 });
    expect(evaluate(r, snapshot({ breakers: [{ instanceId: 'a', state: 'half-open' }] })).active).toBe(false);
  });

  it('one note per configuration announcement', () => {
    const r = rule('config_change');
    const change = (id: number, version: number) => ({ id, version, type: 'config.applied', author: 'ops', reason: 'tune', appliedAt: 0 });
    const e = evaluate(r, snapshot({ configChanges: [change(1, 4), change(2, 5)] }));
    expect(e).toMatchObject({ active: true, value: 5 });
    expect(e.notes).toEqual(['configuration v4 config.applied by ops: tune', 'configuration v5 config.applied by ops: tune']);
    expect(evaluate(r, snapshot()).active).toBe(false);
  });

  it('smoke test: the newest finished one decides, and a failure names the change', () => {
    const r = rule('smoke_test');
    const now = 10 * HOUR;
    const smoke = (id: number, startedAt: number, status: 'running' | 'passed' | 'failed', configVersion = 7) => ({
      id,
      changeId: id,
      configVersion,
      startedAt,
      status,
      durationMs: status === 'failed' ? 1_000 : 40,
      failedStep: status === 'failed' ? 'slo' : null,
      message: status === 'failed' ? 'no pizza within the 1000 ms SLO' : null,
    });
    const failed = evaluate(r, snapshot({ smokeTests: [smoke(2, now - 2_000, 'failed')] }));
    expect(failed).toMatchObject({ active: true, value: 1_000 });
    expect(failed.detail).toBe('smoke test after configuration v7 failed at slo: no pizza within the 1000 ms SLO');
    expect(failed.notes).toEqual([failed.detail]); // not seen before (the engine drops it when the transition says it)
    // A newer test still running does not clear it; a newer pass does.
    expect(evaluate(r, snapshot({ smokeTests: [smoke(3, now - 500, 'running', 8), smoke(2, now - 2_000, 'failed')] })).active).toBe(true);
    expect(evaluate(r, snapshot({ smokeTests: [smoke(3, now - 500, 'passed', 8), smoke(2, now - 2_000, 'failed')] })).active).toBe(false);
    // Older than the window: forgotten.
    expect(evaluate(r, snapshot({ smokeTests: [smoke(2, now - r.windowMs - 1, 'failed')] }))).toMatchObject({ active: false, value: null });
  });

  it('smoke test: every failure not seen before is named, oldest first, even while firing', () => {
    const r = rule('smoke_test');
    const now = 10 * HOUR;
    const failedAfter = (id: number, version: number) => ({
      id,
      changeId: id,
      configVersion: version,
      startedAt: now - 10_000 + id,
      status: 'failed' as const,
      durationMs: 1_000,
      failedStep: 'order',
      message: 'factory answered 500',
    });
    const tests = [failedAfter(3, 9), failedAfter(2, 8)];
    expect(evaluate(r, snapshot({ smokeTests: tests, smokeSeenUpTo: 1 })).notes).toEqual([
      'smoke test after configuration v8 failed at order: factory answered 500',
      'smoke test after configuration v9 failed at order: factory answered 500',
    ]);
    expect(evaluate(r, snapshot({ smokeTests: tests, smokeSeenUpTo: 2 })).notes).toEqual(['smoke test after configuration v9 failed at order: factory answered 500']);
    expect(evaluate(r, snapshot({ smokeTests: tests, smokeSeenUpTo: 3 }))).toMatchObject({ active: true, notes: [] });
  });
});
