import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ActionButton } from '@/components/admin/action-button';
import { SeverityBadge } from '@/components/admin/alerts/badges';
import { When } from '@/components/admin/alerts/time';
import { IncidentChart } from '@/components/admin/incidents/incident-chart';
import { IncidentFigures } from '@/components/admin/incidents/incident-figures';
import { LikelyCause } from '@/components/admin/incidents/likely-cause';
import { IncidentStatusBadge, TIMELINE_STYLE } from '@/components/admin/incidents/parts';
import { TimelineList } from '@/components/admin/incidents/timeline-list';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { AutoRefresh } from '@/components/ui/live-time';
import { id } from '@/lib/api/schemas';
import { requireAdmin } from '@/lib/auth/session';
import { nullIfNotFound } from '@/lib/errors';
import { log } from '@/lib/log';
import { incidentChart, type IncidentChart as Chart } from '@/lib/telemetry/incident-chart';
import { incidentDetail } from '@/lib/telemetry/incidents';
import type { IncidentDetail } from '@/lib/telemetry/incidents/types';
import { acknowledgeAction } from '../actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** The incident, or null when there is none by that number; once per request, for the title and the page. */
const findIncident = cache(async (raw: string) => {
  await requireAdmin(`/admin/incidents/${raw}`);
  const parsed = id.safeParse(raw);
  return parsed.success ? nullIfNotFound(incidentDetail(parsed.data)) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await findIncident((await params).id)) ? 'Incident · Admin' : 'Incident not found · Admin' };
}

/** The chart is a help, not the record: the page still shows the incident when the latency cannot be read. */
async function chartFor(incident: IncidentDetail): Promise<Chart | null> {
  try {
    return await incidentChart(incident);
  } catch (error) {
    log.error('incident page: the latency chart could not be read', { err: error, incidentId: incident.id });
    return null;
  }
}

export default async function IncidentPage({ params }: Props) {
  const incident = await findIncident((await params).id);
  if (!incident) notFound();
  const chart = await chartFor(incident);
  const open = incident.status === 'open';
  const markers = incident.timeline.map((e) => ({ at: Date.parse(e.at), color: TIMELINE_STYLE[e.type].color }));

  return (
    <>
      {open && <AutoRefresh intervalMs={3_000} />}
      <Link href="/admin/incidents" className="mb-3 inline-block text-sm font-semibold text-char-700 hover:text-sauce-700 hover:underline">
        ← All incidents
      </Link>
      <PageHeader
        title={`Incident #${incident.id}: ${incident.title}`}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <IncidentStatusBadge incident={incident} />
            <SeverityBadge severity={incident.severity} />
            <span>
              Detected <When at={incident.detectedAt} />
              {incident.resolvedAt && (
                <>
                  {' '}
                  · resolved <When at={incident.resolvedAt} />
                </>
              )}
              {incident.configVersion !== null && ` · factory config v${incident.configVersion} in effect`}
            </span>
          </span>
        }
        actions={
          <a href={`/admin/incidents/${incident.id}/postmortem`} download className={buttonClass('secondary', 'md')}>
            Download postmortem
          </a>
        }
      />
      <div className="flex flex-col gap-6">
        {incident.likelyCause ? (
          <LikelyCause cause={incident.likelyCause} firstBadAt={incident.firstBadAt} />
        ) : (
          <Alert tone="info">No factory configuration change applied shortly before the first bad measurement, so no likely cause is named.</Alert>
        )}

        <Card className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          {incident.acknowledgedAt ? (
            <p className="text-sm text-char-800" data-testid="acknowledgement">
              <span aria-hidden="true" className="mr-1 text-basil-600">✓</span>
              Acknowledged by <strong>{incident.acknowledgedBy ?? 'someone'}</strong> at <When at={incident.acknowledgedAt} />.
            </p>
          ) : (
            <p className="text-sm text-char-800">{open ? 'Nobody has acknowledged this incident yet.' : 'This incident was never acknowledged.'}</p>
          )}
          {!incident.acknowledgedAt && open && (
            <ActionButton action={acknowledgeAction} fields={{ id: incident.id }} label="Acknowledge" pendingLabel="Acknowledging…" variant="primary" />
          )}
        </Card>

        <IncidentFigures incident={incident} />

        <Card>
          <h2 className="mb-1 text-lg font-bold">Timeline against the factory latency</h2>
          <p className="mb-4 text-sm text-char-700">
            Each numbered line is the timeline entry with that number. Times are UTC; T is counted from the first bad measurement.{open ? ' Updates live while the incident is open.' : ''}
          </p>
          {chart ? (
            <IncidentChart chart={chart} markers={markers} />
          ) : (
            <Alert>The latency data for this window could not be read; the timeline below is complete.</Alert>
          )}
          <h3 className="mb-3 mt-6 text-sm font-semibold text-char-800">Timeline</h3>
          {incident.timeline.length === 0 ? <p className="text-sm text-char-700">No entries yet.</p> : <TimelineList timeline={incident.timeline} firstBadAt={incident.firstBadAt} />}
        </Card>
      </div>
    </>
  );
}
