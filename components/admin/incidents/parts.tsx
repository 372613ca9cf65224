import { formatMs } from '@/components/latency/format';
import type { IncidentSummary, TimelineEntryType } from '@/lib/telemetry/incidents/types';

/** Small pieces the incident list and page share. */

/** Open incidents read as how far the response got: open, acknowledged, mitigated (waiting for the alerts to clear). */
export function IncidentStatusBadge({ incident }: { incident: Pick<IncidentSummary, 'status' | 'acknowledgedAt' | 'mitigatedAt'> }) {
  const open = incident.status === 'open';
  const handled = incident.acknowledgedAt !== null || incident.mitigatedAt !== null;
  const tone = open ? (handled ? 'bg-amber-100 text-amber-950 ring-amber-500/40' : 'bg-sauce-500 text-white ring-sauce-600') : 'bg-basil-500/10 text-basil-600 ring-basil-500/30';
  const text = !open ? 'resolved' : incident.mitigatedAt ? 'open · mitigated' : incident.acknowledgedAt ? 'open · acknowledged' : 'open';
  return (
    <span data-status={incident.status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-bold uppercase tracking-wide ring-1 ${tone}`}>
      <span aria-hidden="true">{open ? '▲' : '✓'}</span>
      {text}
    </span>
  );
}

/** A time-to-X figure, or why there is none yet. */
export const formatSpan = (ms: number | null, pending = 'not yet') => (ms === null ? pending : formatMs(ms));

/** How each kind of timeline entry is marked on the chart and in the list. */
export const TIMELINE_STYLE: Record<TimelineEntryType, { label: string; color: string }> = {
  config_change: { label: 'Configuration change', color: '#6d28d9' },
  first_bad_measurement: { label: 'First bad measurement', color: '#d9412b' },
  alert_firing: { label: 'Alert firing', color: '#96281a' },
  notification: { label: 'Notification', color: '#4a3f3b' },
  acknowledged: { label: 'Acknowledged', color: '#1d4ed8' },
  smoke_test: { label: 'Smoke test', color: '#b45309' },
  rollback: { label: 'Rollback', color: '#0f766e' },
  mitigated: { label: 'Mitigated', color: '#256640' },
  alert_resolved: { label: 'Alert resolved', color: '#256640' },
  resolved: { label: 'Resolved', color: '#256640' },
};
