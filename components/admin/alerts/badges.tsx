import type { Severity } from '@/lib/telemetry/alerts/rules';
import type { AlertStateName } from '@/lib/telemetry/alerts/state';
import { SEVERITY_TONE, STATE_ICON, STATE_TONE } from './format';

/** A rule's state in colour, shape and word. */
export function StateBadge({ state }: { state: AlertStateName }) {
  return (
    <span data-state={state} className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-bold uppercase tracking-wide ring-1 ${STATE_TONE[state]}`}>
      <span aria-hidden="true">{STATE_ICON[state]}</span>
      {state}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${SEVERITY_TONE[severity]}`}>{severity}</span>;
}
