import { formatMs, formatPercent } from '@/components/latency/format';
import type { RuleKind, Severity } from '@/lib/telemetry/alerts/rules';
import type { AlertStateName } from '@/lib/telemetry/alerts/state';

/** How the alert pages word and colour states, severities and values. Plain module: both sides use it. */

/** What a rule's value measures, by kind. */
export const VALUE_MEANING: Record<RuleKind, string> = {
  latency_critical: 'slowest call or oldest in flight',
  burn_rate: 'error-budget burn rate',
  error_rate: 'failed share of calls',
  no_data: 'since the last measurement',
  breaker_open: 'breakers open',
  config_change: 'latest configuration version',
  smoke_test: 'latest smoke test took',
};

export function formatAlertValue(kind: RuleKind, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  switch (kind) {
    case 'latency_critical':
    case 'no_data':
    case 'smoke_test':
      return formatMs(value);
    case 'burn_rate':
      return `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`;
    case 'error_rate':
      return formatPercent(value);
    case 'breaker_open':
      return String(Math.round(value));
    case 'config_change':
      return `v${Math.round(value)}`;
  }
}

export const STATE_TONE: Record<AlertStateName, string> = {
  normal: 'bg-basil-500/10 text-basil-600 ring-basil-500/30',
  pending: 'bg-amber-100 text-amber-900 ring-amber-500/40',
  firing: 'bg-sauce-500 text-white ring-sauce-600',
  resolved: 'bg-sky-100 text-sky-900 ring-sky-500/40',
};

export const STATE_ICON: Record<AlertStateName, string> = { normal: '●', pending: '◐', firing: '▲', resolved: '✓' };

export const SEVERITY_TONE: Record<Severity, string> = {
  critical: 'bg-sauce-500/10 text-sauce-700',
  warning: 'bg-amber-100 text-amber-900',
  info: 'bg-char-900/5 text-char-800',
};
