import type { Metadata } from 'next';
import { IncidentList } from '@/components/admin/incidents/incident-list';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { AutoRefresh } from '@/components/ui/live-time';
import { requireAdmin } from '@/lib/auth/session';
import { listIncidents } from '@/lib/telemetry/incidents';

export const metadata: Metadata = { title: 'Incidents · Admin' };
export const dynamic = 'force-dynamic';

export default async function IncidentsPage() {
  await requireAdmin('/admin/incidents');
  const incidents = await listIncidents();
  const open = incidents.filter((i) => i.status === 'open').length;
  return (
    <>
      <PageHeader
        title="Incidents"
        subtitle={`${open ? `${open} open. ` : ''}TTD: first bad measurement to alert · TTA: alert to acknowledgement · TTM: first bad measurement to mitigation.`}
      />
      <AutoRefresh intervalMs={5_000} />
      {incidents.length === 0 ? (
        <EmptyState title="No incidents">No incidents — the alert engine opens one when a critical alert fires.</EmptyState>
      ) : (
        <IncidentList incidents={incidents} />
      )}
    </>
  );
}
