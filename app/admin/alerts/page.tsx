import type { Metadata } from 'next';
import { StateBadge } from '@/components/admin/alerts/badges';
import { RuleCard } from '@/components/admin/alerts/rule-card';
import { editedFields } from '@/components/admin/alerts/rule-fields';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/card';
import { AutoRefresh } from '@/components/ui/live-time';
import { requireAdmin } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { alertsConfig, currentRules } from '@/lib/telemetry/alerts/engine';
import { defaultRules } from '@/lib/telemetry/alerts/rules';
import type { AlertStateName } from '@/lib/telemetry/alerts/state';
import { alertsView } from '@/lib/telemetry/alerts/view';
import { resetRuleAction, saveRuleAction } from './actions';

export const metadata: Metadata = { title: 'Alerts · Admin' };
export const dynamic = 'force-dynamic';

const STATES: AlertStateName[] = ['firing', 'pending', 'resolved', 'normal'];

export default async function AlertsPage() {
  await requireAdmin('/admin/alerts');
  const config = alertsConfig();
  const rules = await currentRules(undefined, config);
  const views = await alertsView(undefined, 10, rules);
  const defaults = new Map(defaultRules(config).map((r) => [r.id, r]));
  const { telemetry } = env();
  const counts = STATES.map((state) => ({ state, rules: views.filter((v) => v.state === state) }));
  const evaluated = views.some((v) => v.evaluatedAt !== null);

  return (
    <>
      <PageHeader
        title="Alerts"
        subtitle={`Every rule over the factory telemetry, evaluated every ${telemetry.alertEvalIntervalMs / 1000} s. This page updates by itself.`}
      />
      <AutoRefresh intervalMs={3_000} />
      <div className="flex flex-col gap-6">
        <nav aria-label="Rules by state" className="flex flex-wrap items-center gap-x-5 gap-y-2 rounded-2xl border border-char-900/10 bg-white px-5 py-3 text-sm shadow-sm">
          {counts.map(({ state, rules: inState }) => (
            <span key={state} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
              <StateBadge state={state} />
              <span className="font-semibold tabular-nums">{inState.length}</span>
              {state !== 'normal' &&
                inState.map((v) => (
                  <a key={v.id} href={`#${v.id}`} className="text-char-800 underline underline-offset-2 hover:text-char-900">
                    {v.name}
                  </a>
                ))}
            </span>
          ))}
        </nav>
        {!evaluated && (
          <Alert tone="info">
            {telemetry.enabled
              ? 'The alert engine has not evaluated the rules yet; it starts with the server and runs every few seconds.'
              : 'Telemetry is off (TELEMETRY=off), so the alert engine does not run. Rules can still be edited.'}
          </Alert>
        )}
        {views.map((view) => {
          const rule = rules.find((r) => r.id === view.id);
          const byDefault = defaults.get(view.id);
          if (!rule || !byDefault) return null;
          return (
            <RuleCard
              key={view.id}
              view={view}
              rule={rule}
              byDefault={byDefault}
              edited={editedFields(rule, byDefault)}
              saveAction={saveRuleAction}
              resetAction={resetRuleAction}
            />
          );
        })}
      </div>
    </>
  );
}
