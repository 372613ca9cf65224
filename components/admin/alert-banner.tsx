'use client';

import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { Elapsed } from '@/components/ui/live-time';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction, type FormState } from '@/lib/form-state';
import type { AdminAlertStatus } from '@/lib/telemetry/alerts/banner';
import { formatAlertValue } from './alerts/format';
import { formatUtc } from '@/components/ui/utc';

const POLL_MS = 3_000;

const TONES = {
  critical: { box: 'border-sauce-700 bg-sauce-600 text-white [&_:focus-visible]:outline-white', label: 'Critical', link: 'text-white decoration-white/60 hover:decoration-white' },
  warning: { box: 'border-amber-500 bg-amber-100 text-amber-950', label: 'Warning', link: 'text-amber-950 decoration-amber-950/50 hover:decoration-amber-950' },
} as const;

async function fetchStatus(signal: AbortSignal): Promise<AdminAlertStatus | null> {
  const response = await fetch('/admin/alerts/status', { signal, cache: 'no-store' });
  return response.ok ? ((await response.json()) as AdminAlertStatus) : null;
}

/** Follows the alert status every few seconds while the tab is visible; `poke` asks again at once. */
function useAlertStatus(initial: AdminAlertStatus): [AdminAlertStatus, () => void] {
  const [status, setStatus] = useState(initial);
  const [pokes, setPokes] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function refresh() {
      clearTimeout(timer);
      if (!document.hidden) {
        // A failed poll keeps the last status: the banner must not vanish because of a hiccup.
        const next = await fetchStatus(controller.signal).catch(() => null);
        if (controller.signal.aborted) return;
        if (next) setStatus(next);
      }
      timer = setTimeout(() => void refresh(), POLL_MS);
    }
    const onVisible = () => {
      if (!document.hidden) void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    if (pokes > 0) void refresh();
    else timer = setTimeout(() => void refresh(), POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [pokes]);
  return [status, () => setPokes((n) => n + 1)];
}

/** Acknowledges the open incident, then asks for the status at once so the button gives way to who acknowledged. */
function AcknowledgeButton({ incidentId, action, onDone }: { incidentId: number; action: FormAction; onDone: () => void }) {
  const [state, formAction] = useActionState(async (previous: FormState, formData: FormData) => {
    const next = await action(previous, formData);
    onDone();
    return next;
  }, idleForm);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="id" value={incidentId} />
      <SubmitButton size="sm" variant="secondary" aria-label={`Acknowledge incident #${incidentId}`} pendingText="Acknowledging…">
        Acknowledge
      </SubmitButton>
      {state.status === 'error' && <p className="max-w-xs rounded-lg bg-white px-2 py-1 text-sm text-sauce-700">{state.message ?? Object.values(state.fieldErrors ?? {})[0]}</p>}
    </form>
  );
}

/**
 * The banner on every admin page: what is firing and since when, and the open incident with
 * its Acknowledge button. Red for critical, amber for warning; nothing when all is well. The
 * headline sits in an alert region, so a screen reader hears it when it appears or changes
 * (the ticking durations are left out of it).
 */
export function AlertBanner({ initial, acknowledgeAction }: { initial: AdminAlertStatus; acknowledgeAction: FormAction }) {
  const [status, poke] = useAlertStatus(initial);
  const { level, firing, incident } = status;
  const tone = level ? TONES[level] : null;
  const [first, ...others] = firing;
  const linkClass = `font-semibold underline underline-offset-2 ${tone?.link ?? ''}`;
  return (
    <div role="alert" aria-atomic="false">
      {tone && (
        <section aria-label={`${tone.label} alert`} data-level={level} className={`mb-4 flex flex-col gap-3 rounded-2xl border-2 px-4 py-3 shadow-sm sm:flex-row sm:items-center sm:justify-between ${tone.box}`}>
          <div className="flex min-w-0 flex-col gap-1">
            <p className="flex flex-wrap items-baseline gap-x-2 font-semibold">
              <span className="rounded-full bg-black/15 px-2 py-0.5 text-xs font-bold uppercase tracking-widest">
                <span aria-hidden="true">▲ </span>
                {tone.label}
              </span>
              {first ? (
                <span>
                  {first.name} is firing since {first.since ? formatUtc(first.since, true) : 'now'}
                  {first.value !== null && ` (now ${formatAlertValue(first.kind, first.value)})`}
                  {first.since && (
                    <span aria-hidden="true" className="font-normal opacity-90">
                      {' '}
                      · for <Elapsed since={first.since} />
                    </span>
                  )}
                </span>
              ) : (
                incident && <span>Incident #{incident.id} is open: {incident.title}</span>
              )}
            </p>
            {others.length > 0 && (
              <p className="text-sm">
                Also firing: {others.map((o) => `${o.name} (${o.severity}) since ${o.since ? formatUtc(o.since, true) : 'now'}`).join('; ')}.
              </p>
            )}
            {incident && (
              <p className="text-sm">
                Incident #{incident.id} open since {formatUtc(incident.detectedAt, true)} ·{' '}
                {incident.acknowledgedAt ? `acknowledged by ${incident.acknowledgedBy ?? 'someone'} at ${formatUtc(incident.acknowledgedAt, true)}` : <strong>not acknowledged</strong>}
              </p>
            )}
          </div>
          <div className="flex shrink-0 flex-wrap items-center gap-3 text-sm">
            {incident && !incident.acknowledgedAt && (
              <AcknowledgeButton incidentId={incident.id} action={acknowledgeAction} onDone={poke} />
            )}
            {incident && (
              <Link href={`/admin/incidents/${incident.id}`} className={linkClass}>
                Open incident #{incident.id}
              </Link>
            )}
            <Link href="/admin/alerts" className={linkClass}>
              All alerts
            </Link>
          </div>
        </section>
      )}
    </div>
  );
}
