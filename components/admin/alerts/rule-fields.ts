import { formatDuration } from '@/components/ui/duration';
import type { AlertRule } from '@/lib/telemetry/alerts/rules';

/**
 * The editable numbers of each kind of alert rule, named by their path in the rule (so the
 * rule schema's errors land next to the right field). Plain module: the form and the server
 * action share it.
 */

export type FieldUnit = 'ms' | 'share' | 'factor' | 'count';

export interface RuleField {
  /** The path in the rule: "thresholdMs", "windows.0.longMs". */
  name: string;
  label: string;
  unit: FieldUnit;
  /** Whole numbers only. */
  whole: boolean;
  /** Fields that belong together (a burn-rate window pair) share a group. */
  group?: string;
}

const ms = (name: string, label: string, group?: string): RuleField => ({ name, label, unit: 'ms', whole: true, group });

function kindFields(rule: AlertRule): RuleField[] {
  switch (rule.kind) {
    case 'latency_critical':
      return [ms('thresholdMs', 'Threshold (ms)'), ms('windowMs', 'Window (ms)')];
    case 'burn_rate':
      return [
        { name: 'objective', label: 'Objective (share under target, e.g. 0.99)', unit: 'share', whole: false },
        ms('targetMs', 'Latency target (ms)'),
        ...rule.windows.flatMap((_, i): RuleField[] => {
          const group = `windows.${i}`;
          return [
            ms(`${group}.longMs`, 'Long window (ms)', group),
            ms(`${group}.shortMs`, 'Short window (ms)', group),
            { name: `${group}.factor`, label: 'Burn-rate factor (×)', unit: 'factor', whole: false, group },
          ];
        }),
      ];
    case 'error_rate':
      return [
        { name: 'maxRate', label: 'Maximum failed share (0–1)', unit: 'share', whole: false },
        { name: 'minCount', label: 'Minimum calls', unit: 'count', whole: true },
        ms('windowMs', 'Window (ms)'),
      ];
    case 'no_data':
    case 'smoke_test':
      return [ms('windowMs', 'Window (ms)')];
    case 'breaker_open':
    case 'config_change':
      return [];
  }
}

/** Every editable number of a rule: its kind's fields, then the pending and keep-firing periods. */
export function ruleFields(rule: AlertRule): RuleField[] {
  return [...kindFields(rule), ms('forMs', 'Pending period (ms)'), ms('keepFiringForMs', 'Keep firing for (ms)')];
}

/** A value by its path ("windows.0.longMs"), or undefined. */
export function valueAt(rule: AlertRule, path: string): unknown {
  let value: unknown = rule;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The fields (and "enabled", "severity") where the rule differs from its default. */
export function editedFields(rule: AlertRule, byDefault: AlertRule): string[] {
  const names = ['enabled', 'severity', ...ruleFields(rule).map((f) => f.name)];
  const changed = names.filter((name) => valueAt(rule, name) !== valueAt(byDefault, name));
  if (rule.kind === 'burn_rate' && byDefault.kind === 'burn_rate' && rule.windows.length !== byDefault.windows.length) changed.push('windows');
  return changed;
}

/** "30,000 ms (30 s)", "0.99", "14.4×". */
export function formatFieldValue(field: RuleField, value: unknown): string {
  if (typeof value !== 'number') return '–';
  switch (field.unit) {
    case 'ms':
      return value >= 1000 ? `${value.toLocaleString('en')} ms (${formatDuration(value)})` : `${value} ms`;
    case 'factor':
      return `${value}×`;
    case 'share':
    case 'count':
      return String(value);
  }
}

/** Builds an edit from parsed numbers: each field set at its path (burn-rate windows as a whole array). */
export function editFromFields(rule: AlertRule, numbers: Record<string, number>): Record<string, unknown> {
  const edit: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(numbers)) {
    const [head, index, key] = path.split('.');
    if (head === 'windows' && rule.kind === 'burn_rate' && index !== undefined && key) {
      const windows = (edit.windows ??= rule.windows.map((w) => ({ ...w }))) as Record<string, number>[];
      const window = windows[Number(index)];
      if (window) window[key] = value;
    } else if (head) edit[head] = value;
  }
  return edit;
}
