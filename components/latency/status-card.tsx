import { Badge, Card } from '@/components/ui/card';
import type { FactoryStatus, HealthState } from '@/lib/telemetry/view';
import { formatAge, formatCount, formatMs, formatPercent } from './format';

const TONE: Record<HealthState, 'good' | 'warn' | 'bad' | 'neutral'> = { healthy: 'good', degraded: 'warn', down: 'bad', unknown: 'neutral' };
const BREAKER_TONE: Record<string, 'good' | 'warn' | 'bad' | 'neutral'> = { closed: 'good', 'half-open': 'warn', open: 'bad' };

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-char-700">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums text-char-900">{value}</dd>
      {hint && <dd className="text-xs text-char-700">{hint}</dd>}
    </div>
  );
}

/** The factory's headline: state and why, p99, the oldest call in flight, breakers, pending orders. */
export function StatusCard({ status, now }: { status: FactoryStatus; now: number }) {
  const m = status.lastMinute;
  return (
    <Card className="flex flex-col gap-5" aria-live="polite">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-bold">Pizza factory</h2>
        <span className="text-base" data-testid="factory-state">
          <Badge tone={TONE[status.state]}>{status.state}</Badge>
        </span>
        <ul className="basis-full text-sm text-char-700 sm:basis-auto">
          {status.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label="p99 (last minute)" value={formatMs(m.p99)} hint={`max ${formatMs(m.max)} · objective ${formatMs(status.sloMs)}`} />
        <Stat
          label="Oldest call in flight"
          value={status.inFlight.oldestAgeMs === null ? 'none' : formatMs(status.inFlight.oldestAgeMs)}
          hint={`${status.inFlight.count} in flight · budget ${formatMs(status.timeoutMs)}`}
        />
        <Stat label="Calls (last minute)" value={formatCount(m.count)} hint={`${formatPercent(m.errorRate)} failed · ${m.timeouts} timed out`} />
        <Stat label="Pending orders" value={formatCount(status.pendingOrders)} hint="paid, waiting for the factory" />
        <Stat
          label="Probe"
          value={status.probeIntervalMs ? `every ${Math.round(status.probeIntervalMs / 1000)} s` : 'off'}
          hint={probeHint(status, now)}
        />
      </dl>
      <div>
        <h3 className="text-sm font-semibold text-char-800">Circuit breaker per instance</h3>
        {status.instances.length === 0 ? (
          <p className="text-sm text-char-700">No instance has reported a heartbeat in the last minute.</p>
        ) : (
          <ul className="mt-2 flex flex-wrap gap-2 text-sm">
            {status.instances.map((i) => (
              <li key={i.id} className={`rounded-xl border border-char-900/10 px-3 py-2 ${i.stale ? 'opacity-60' : ''}`}>
                <span className="font-mono text-xs" title={i.id}>
                  {i.host}
                </span>{' '}
                <Badge tone={i.stale ? 'neutral' : (BREAKER_TONE[i.breaker.state] ?? 'neutral')}>{i.stale ? 'no heartbeat' : i.breaker.state}</Badge>
                <span className="block text-xs text-char-700">
                  {i.stale
                    ? `last heartbeat ${formatAge(now - Date.parse(i.seenAt))}`
                    : `${i.factoryInFlight} in flight${i.factoryOldestAgeMs !== null ? ` · oldest ${formatMs(i.factoryOldestAgeMs)}` : ''} · seen ${formatAge(now - Date.parse(i.seenAt))}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function probeHint(status: FactoryStatus, now: number): string {
  const latest = status.instances
    .flatMap((i) => (i.probe ? [i.probe] : []))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (!latest) return status.probeIntervalMs ? 'no result yet' : 'PROBE_INTERVAL_MS=0';
  return `last: ${latest.status} in ${formatMs(latest.durationMs)}, ${formatAge(now - Date.parse(latest.at))}`;
}
