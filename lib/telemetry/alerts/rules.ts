import { z } from 'zod';

/**
 * Alert rules: their zod schema, the six defaults (derived from the configuration), and the
 * PURE evaluation of each kind against a snapshot of the recorded telemetry. The engine
 * gathers the snapshot; nothing here reads the database or the clock.
 */

const ms = z.number().int().min(0).max(7 * 86_400_000);
const windowMs = z.number().int().min(1_000).max(7 * 86_400_000);

const base = {
  id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1).max(120),
  severity: z.enum(['critical', 'warning', 'info']),
  enabled: z.boolean(),
  /** Pending period: how long the condition must hold before firing (0: at once). */
  forMs: ms,
  /** Keep-firing period: how long it keeps firing after the condition last held. */
  keepFiringForMs: ms,
};

const burnWindow = z
  .object({ longMs: windowMs, shortMs: windowMs, factor: z.number().positive().max(1_000) })
  .refine((w) => w.shortMs < w.longMs, 'the short window must be shorter than the long one');

export const ruleSchema = z.discriminatedUnion('kind', [
  /** A factory call took, or has been in flight for, at least thresholdMs (capped by the order budget). */
  z.object({ ...base, kind: z.literal('latency_critical'), thresholdMs: z.number().int().min(1).max(600_000), windowMs }),
  /** Multi-window burn rate of a latency SLO: `objective` of calls under targetMs. */
  z.object({
    ...base,
    kind: z.literal('burn_rate'),
    objective: z.number().gt(0).lt(1),
    targetMs: z.number().int().min(1).max(600_000),
    windows: z.array(burnWindow).min(1).max(4),
  }),
  /** Failed or timed-out factory calls above maxRate (with at least minCount calls). */
  z.object({ ...base, kind: z.literal('error_rate'), maxRate: z.number().min(0).max(1), minCount: z.number().int().min(1).max(1_000_000), windowMs }),
  /** No factory measurement for windowMs while the probe is expected to be running. */
  z.object({ ...base, kind: z.literal('no_data'), windowMs }),
  /** Some instance's factory circuit breaker is open. */
  z.object({ ...base, kind: z.literal('breaker_open') }),
  /** A factory configuration announcement arrived (informational). */
  z.object({ ...base, kind: z.literal('config_change') }),
  /** The newest post-change smoke test (within windowMs) failed. */
  z.object({ ...base, kind: z.literal('smoke_test'), windowMs }),
]);

export type AlertRule = z.infer<typeof ruleSchema>;
export type RuleKind = AlertRule['kind'];
export type Severity = AlertRule['severity'];

export interface DefaultsConfig {
  /** FACTORY_LATENCY_SLO_MS */
  sloTargetMs: number;
  /** FACTORY_TIMEOUT_MS: the order time budget. */
  budgetMs: number;
  /** PROBE_INTERVAL_MS (0: off). */
  probeIntervalMs: number;
}

/** The critical threshold: 5× the SLO target, never above the order time budget. */
export const criticalThresholdMs = (c: DefaultsConfig) => Math.min(5 * c.sloTargetMs, c.budgetMs);

export function defaultRules(c: DefaultsConfig): AlertRule[] {
  const minute = 60_000;
  const hour = 60 * minute;
  return [
    {
      id: 'factory-latency-critical',
      name: 'Factory latency critical',
      severity: 'critical',
      kind: 'latency_critical',
      thresholdMs: criticalThresholdMs(c),
      windowMs: 30_000,
      enabled: true,
      forMs: 0,
      keepFiringForMs: minute,
    },
    // The SRE workbook's two burn-rate pairs. The fast one pages. The slow one is a warning: its
    // 30 min short window would hold an incident open half an hour after a fix, when at probe-only
    // traffic a few slow calls keep it above 6×; extreme latency pages through the rule above.
    {
      id: 'factory-slo-burn-rate',
      name: 'Factory latency SLO burn rate',
      severity: 'critical',
      kind: 'burn_rate',
      objective: 0.99,
      targetMs: c.sloTargetMs,
      windows: [{ longMs: hour, shortMs: 5 * minute, factor: 14.4 }],
      enabled: true,
      forMs: 0,
      keepFiringForMs: 2 * minute,
    },
    {
      id: 'factory-slo-slow-burn',
      name: 'Factory latency SLO slow burn',
      severity: 'warning',
      kind: 'burn_rate',
      objective: 0.99,
      targetMs: c.sloTargetMs,
      windows: [{ longMs: 6 * hour, shortMs: 30 * minute, factor: 6 }],
      enabled: true,
      forMs: 0,
      keepFiringForMs: 2 * minute,
    },
    {
      id: 'factory-errors',
      name: 'Factory errors and timeouts',
      severity: 'warning',
      kind: 'error_rate',
      maxRate: 0.05,
      minCount: 3,
      windowMs: 5 * minute,
      enabled: true,
      forMs: minute,
      keepFiringForMs: 2 * minute,
    },
    {
      id: 'factory-no-data',
      name: 'No factory measurements',
      severity: 'warning',
      kind: 'no_data',
      // Three missed probes, plus a flush period's lag.
      windowMs: Math.max(minute, 3 * c.probeIntervalMs + 10_000),
      enabled: c.probeIntervalMs > 0,
      forMs: 0,
      keepFiringForMs: 0,
    },
    {
      id: 'factory-breaker-open',
      name: 'Factory circuit breaker open',
      severity: 'warning',
      kind: 'breaker_open',
      enabled: true,
      forMs: 0,
      keepFiringForMs: 30_000,
    },
    {
      id: 'factory-smoke-test',
      name: 'Smoke test after a factory change failed',
      severity: 'critical',
      kind: 'smoke_test',
      windowMs: hour,
      enabled: true,
      forMs: 0,
      keepFiringForMs: minute,
    },
    {
      id: 'factory-config-changed',
      name: 'Factory configuration changed',
      severity: 'info',
      kind: 'config_change',
      enabled: true,
      forMs: 0,
      keepFiringForMs: 5 * minute,
    },
  ];
}

// ---- The snapshot: what the engine read, and the pure evaluation over it. ----

/** Factory calls (pizza creations) over one window, merged across instances and origins. */
export interface WindowStats {
  count: number;
  /** Calls slower than the SLO target. */
  slow: number;
  /** Failed calls (any non-success, timeouts included). */
  errors: number;
  timeouts: number;
  /** Slowest call, or null when none. */
  maxMs: number | null;
}

export interface ConfigChangeSeen {
  id: number;
  version: number;
  type: string;
  author: string;
  reason: string;
  appliedAt: number;
}

export interface SmokeTestSeen {
  id: number;
  changeId: number | null;
  configVersion: number | null;
  startedAt: number;
  status: 'running' | 'passed' | 'failed';
  durationMs: number | null;
  failedStep: string | null;
  message: string | null;
}

export interface Snapshot {
  now: number;
  /** The order time budget (FACTORY_TIMEOUT_MS); caps the critical threshold. */
  budgetMs: number;
  /** Factory stats per window length in ms (see windowsNeeded). */
  windows: Map<number, WindowStats>;
  /** Slow counts are above this target (the SLO target). */
  slowAboveMs: number;
  /** The oldest factory call in flight on any live instance, in ms, or null. */
  inFlightOldestMs: number | null;
  /**
   * Each live instance's last probe, from its heartbeat: seen within a second of ending,
   * before the latency buckets are flushed.
   */
  probes: { at: number; durationMs: number | null; status: string | null }[];
  /** Each live instance's breaker. */
  breakers: { instanceId: string; state: string }[];
  /** Latest factory measurement written, or null. */
  lastMeasurementAt: number | null;
  /** When measurements could first be expected (the evaluator's start). */
  expectedSince: number;
  probeExpected: boolean;
  /** Configuration announcements received since the last evaluation, oldest first. */
  configChanges: ConfigChangeSeen[];
  /** Post-change smoke tests started within the longest smoke_test window, newest first. */
  smokeTests: SmokeTestSeen[];
  /** The newest smoke test already evaluated finished (its id), or null before the first. */
  smokeSeenUpTo: number | null;
}

export interface Evaluation {
  active: boolean;
  value: number | null;
  /** Events to record even without a state change (one per configuration announcement). */
  notes: string[];
  /** What a transition's event says, when the value alone does not (e.g. which change failed its smoke test). */
  detail?: string;
}

const EMPTY: WindowStats = { count: 0, slow: 0, errors: 0, timeouts: 0, maxMs: null };
const statsOf = (s: Snapshot, windowMs: number) => s.windows.get(windowMs) ?? EMPTY;

/** The window lengths the rules need stats for. */
export function windowsNeeded(rules: AlertRule[]): number[] {
  const out = new Set<number>();
  for (const r of rules) {
    if (!r.enabled) continue;
    if (r.kind === 'latency_critical' || r.kind === 'error_rate') out.add(r.windowMs);
    if (r.kind === 'burn_rate') for (const w of r.windows) out.add(w.longMs).add(w.shortMs);
  }
  return [...out].sort((a, b) => a - b);
}

/** Burn rate: the share of bad (slow) calls over the error budget (1 - objective). 0 without calls. */
export const burnRate = (stats: WindowStats, objective: number) => (stats.count ? stats.slow / stats.count / (1 - objective) : 0);

export function evaluate(rule: AlertRule, s: Snapshot): Evaluation {
  const quiet = (value: number | null): Evaluation => ({ active: false, value, notes: [] });
  const result = (active: boolean, value: number | null, notes: string[] = []): Evaluation => ({ active, value, notes });
  switch (rule.kind) {
    case 'latency_critical': {
      const threshold = Math.min(rule.thresholdMs, s.budgetMs);
      const w = statsOf(s, rule.windowMs);
      const probes = s.probes.filter((p) => p.at >= s.now - rule.windowMs);
      const seen = [w.maxMs, s.inFlightOldestMs, ...probes.map((p) => p.durationMs)].filter((v): v is number => v !== null);
      const value = seen.length ? Math.max(...seen) : null;
      // A timeout took the whole budget, which is at least the threshold.
      const timedOut = w.timeouts > 0 || probes.some((p) => p.status === 'timeout');
      return result((value !== null && value >= threshold) || timedOut, value);
    }
    case 'burn_rate': {
      let value = 0;
      let active = false;
      for (const w of rule.windows) {
        // Both windows must burn faster than the factor: the long one for significance, the short one to reset quickly.
        const both = Math.min(burnRate(statsOf(s, w.longMs), rule.objective), burnRate(statsOf(s, w.shortMs), rule.objective));
        value = Math.max(value, both);
        if (both > w.factor) active = true;
      }
      return result(active, value);
    }
    case 'error_rate': {
      const w = statsOf(s, rule.windowMs);
      if (w.count === 0) return quiet(null);
      const rate = w.errors / w.count;
      return result(w.count >= rule.minCount && rate > rule.maxRate, rate);
    }
    case 'no_data': {
      const since = Math.max(s.lastMeasurementAt ?? 0, s.expectedSince);
      const silentMs = s.now - since;
      return result(s.probeExpected && silentMs > rule.windowMs, s.lastMeasurementAt === null ? null : s.now - s.lastMeasurementAt);
    }
    case 'breaker_open': {
      const open = s.breakers.filter((b) => b.state === 'open').length;
      return result(open > 0, open);
    }
    case 'config_change': {
      const notes = s.configChanges.map((c) => `configuration v${c.version} ${c.type} by ${c.author}: ${c.reason}`);
      const last = s.configChanges.at(-1);
      return result(notes.length > 0, last ? last.version : null, notes);
    }
    case 'smoke_test': {
      const finished = s.smokeTests.filter((t) => t.startedAt >= s.now - rule.windowMs && t.status !== 'running');
      const latest = finished[0];
      if (!latest) return quiet(null);
      // Every failure not seen before is named, even while the rule is already firing.
      const fresh = finished.filter((t) => t.status === 'failed' && t.id > (s.smokeSeenUpTo ?? 0)).reverse();
      return { active: latest.status === 'failed', value: latest.durationMs, notes: fresh.map(describeSmokeTest), detail: describeSmokeTest(latest) };
    }
  }
}

function describeSmokeTest(t: SmokeTestSeen): string {
  const version = t.configVersion === null ? 'a configuration change' : `configuration v${t.configVersion}`;
  return `smoke test after ${version} ${t.status === 'failed' ? `failed at ${t.failedStep ?? 'an unknown step'}: ${t.message ?? 'no detail'}` : 'passed'}`;
}
