import { formatCount, formatMs, formatPercent } from '@/components/latency/format';
import { Card } from '@/components/ui/card';
import type { IncidentDetail } from '@/lib/telemetry/incidents/types';
import { formatSpan } from './parts';

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold uppercase tracking-wide text-char-700">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums text-char-900">{value}</dd>
      <dd className="text-xs text-char-700">{hint}</dd>
    </div>
  );
}

/** Time to detect, acknowledge and mitigate, and who was hurt. */
export function IncidentFigures({ incident }: { incident: IncidentDetail }) {
  const { impact } = incident;
  const missing = incident.status === 'open' ? 'not yet' : 'never';
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card>
        <h2 className="mb-3 text-sm font-bold text-char-800">Response times</h2>
        <dl className="grid grid-cols-3 gap-4">
          <Figure label="TTD" value={formatSpan(incident.timeToDetectMs)} hint="first bad measurement → alert" />
          <Figure label="TTA" value={formatSpan(incident.timeToAcknowledgeMs, missing)} hint="alert → acknowledged" />
          <Figure label="TTM" value={formatSpan(incident.timeToMitigateMs, missing)} hint="first bad → mitigated" />
        </dl>
      </Card>
      <Card>
        <h2 className="mb-3 text-sm font-bold text-char-800">Impact</h2>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Figure label="Orders" value={formatCount(impact.ordersAffected)} hint="slow or failed" />
          <Figure label="Customers" value={formatCount(impact.customersAffected)} hint="distinct diners" />
          <Figure label="Share" value={formatPercent(impact.customerShare)} hint="of diners who ordered" />
          <Figure label="Worst wait" value={formatMs(impact.worstWaitMs)} hint={impact.worstWaitMs === null ? 'no orders' : 'longest for a pizza'} />
        </dl>
      </Card>
    </div>
  );
}
