import { Badge, Card } from '@/components/ui/card';
import { formatDuration } from '@/components/ui/duration';
import type { FormAction } from '@/lib/form-state';
import type { AlertRule } from '@/lib/telemetry/alerts/rules';
import type { AlertHistoryEntry, AlertView } from '@/lib/telemetry/alerts/view';
import { SeverityBadge, StateBadge } from './badges';
import { Disclosure } from './disclosure';
import { formatAlertValue, VALUE_MEANING } from './format';
import { RuleEditor } from './rule-editor';
import { SinceWhen, When } from './time';

const isEdit = (e: AlertHistoryEntry) => (e.from as string) === 'edit';

function HistoryItem({ entry, kind }: { entry: AlertHistoryEntry; kind: AlertView['kind'] }) {
  return (
    <li className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:gap-3">
      <When at={entry.at} className="shrink-0 text-xs tabular-nums text-char-700 sm:w-40" />
      <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        {isEdit(entry) ? (
          <>
            <span aria-hidden="true">✎</span>
            <span className="text-char-900">{entry.detail}</span>
          </>
        ) : (
          <>
            {entry.from === entry.to ? (
              <span className="text-xs font-semibold uppercase tracking-wide text-char-700">note</span>
            ) : (
              <>
                <StateBadge state={entry.from} />
                <span aria-label="to">→</span>
                <StateBadge state={entry.to} />
              </>
            )}
            {entry.value !== null && <span className="tabular-nums text-char-800">{formatAlertValue(kind, entry.value)}</span>}
            {entry.detail && <span className="text-char-700">{entry.detail}</span>}
          </>
        )}
      </span>
    </li>
  );
}

function Stat({ label, children, className = '' }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={`min-w-0 ${className}`}>
      <dt className="text-xs font-semibold uppercase tracking-wide text-char-700">{label}</dt>
      <dd className="mt-1 text-sm text-char-900">{children}</dd>
    </div>
  );
}

/** One alert rule: its state and value, its recent history (transitions and edits), and its editor. */
export function RuleCard({
  view,
  rule,
  byDefault,
  edited,
  saveAction,
  resetAction,
}: {
  view: AlertView;
  rule: AlertRule;
  byDefault: AlertRule;
  edited: string[];
  saveAction: FormAction;
  resetAction: FormAction;
}) {
  const titleId = `rule-${view.id}-title`;
  const highlight = view.state === 'firing' && view.severity !== 'info' ? (view.severity === 'critical' ? 'border-2 border-sauce-500' : 'border-2 border-amber-500') : '';
  return (
    <Card
      id={view.id}
      role="region"
      aria-labelledby={titleId}
      className={`flex scroll-mt-6 flex-col gap-4 ${highlight}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={titleId} className="mr-auto text-lg font-bold text-char-900">
          {view.name}
        </h2>
        <SeverityBadge severity={view.severity} />
        {!view.enabled && <Badge>disabled</Badge>}
        {edited.length > 0 && <Badge tone="warn">edited</Badge>}
        <StateBadge state={view.state} />
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Stat label="Current value">
          <span className="text-xl font-bold tabular-nums">{formatAlertValue(view.kind, view.value)}</span>
          <span className="block text-xs text-char-700">{VALUE_MEANING[view.kind]}</span>
          {view.state === 'firing' && rule.keepFiringForMs > 0 && (
            <span className="mt-1 block text-xs text-char-700">
              It resolves {formatDuration(rule.keepFiringForMs)} after its condition last held, so the value can look healthy while it
              still fires.
            </span>
          )}
        </Stat>
        <Stat label={`${view.state} since`}>{view.since ? <SinceWhen at={view.since} /> : 'not evaluated yet'}</Stat>
        <Stat label="Last evaluated" className="col-span-2 sm:col-span-1">{view.evaluatedAt ? <SinceWhen at={view.evaluatedAt} /> : 'not yet'}</Stat>
      </dl>
      <Disclosure
        className="rounded-xl border border-char-900/10 px-4 py-2"
        defaultOpen={view.history.length > 0 && view.state !== 'normal'}
        summary={`History (${view.history.length === 0 ? 'none yet' : `latest ${view.history.length}`})`}
      >
        {view.history.length === 0 ? (
          <p className="py-2 text-sm text-char-700">No transitions or edits yet.</p>
        ) : (
          <ol aria-label={`${view.name} history, newest first`} className="divide-y divide-char-900/5">
            {view.history.map((entry, i) => (
              <HistoryItem key={`${entry.at}-${i}`} entry={entry} kind={view.kind} />
            ))}
          </ol>
        )}
      </Disclosure>
      <details className="rounded-xl border border-char-900/10 px-4 py-2">
        <summary className="cursor-pointer py-1 text-sm font-semibold text-char-800">Edit rule</summary>
        <div className="py-3">
          <RuleEditor rule={rule} byDefault={byDefault} edited={edited} saveAction={saveAction} resetAction={resetAction} />
        </div>
      </details>
    </Card>
  );
}
