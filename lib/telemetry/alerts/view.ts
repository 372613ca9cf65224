import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { currentRules } from './engine';
import type { AlertRule, RuleKind, Severity } from './rules';
import type { AlertStateName } from './state';

/** What GET /api/alerts (and later the latency page) shows: each rule's state and recent history. */

export interface AlertHistoryEntry {
  at: string;
  from: AlertStateName;
  to: AlertStateName;
  value: number | null;
  detail: string | null;
}

export interface AlertView {
  id: string;
  name: string;
  severity: Severity;
  kind: RuleKind;
  enabled: boolean;
  state: AlertStateName;
  /** When it entered its state; null before the first evaluation. */
  since: string | null;
  value: number | null;
  evaluatedAt: string | null;
  /** Newest first. */
  history: AlertHistoryEntry[];
}

export async function alertsView(db: Db = appDb, historyPerRule = 10, rules?: AlertRule[]): Promise<AlertView[]> {
  rules ??= await currentRules(db);
  const states = new Map((await db.alertRuleState.findMany()).map((r) => [r.ruleId, r]));
  return Promise.all(
    rules.map(async (rule) => {
      const row = states.get(rule.id);
      const events = historyPerRule
        ? await db.alertEvent.findMany({ where: { ruleId: rule.id }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: historyPerRule })
        : [];
      return {
        id: rule.id,
        name: rule.name,
        severity: rule.severity,
        kind: rule.kind,
        enabled: rule.enabled,
        state: (row?.state ?? 'normal') as AlertStateName,
        since: row?.since.toISOString() ?? null,
        value: row?.value ?? null,
        evaluatedAt: row?.evaluatedAt.toISOString() ?? null,
        history: events.map((e) => ({ at: e.at.toISOString(), from: e.fromState as AlertStateName, to: e.toState as AlertStateName, value: e.value, detail: e.detail })),
      };
    }),
  );
}
