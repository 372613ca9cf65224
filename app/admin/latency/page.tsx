import type { Metadata } from 'next';
import { LatencyDashboard } from '@/components/latency/latency-dashboard';
import { PageHeader } from '@/components/ui/card';
import { requireAdmin } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { latencyView } from '@/lib/telemetry/dashboard';
import type { LatencyView } from '@/lib/telemetry/view';

export const metadata: Metadata = { title: 'Latency' };
export const dynamic = 'force-dynamic';

export default async function LatencyPage() {
  await requireAdmin('/admin/latency');
  let initial: LatencyView | null = null;
  let initialError: string | null = null;
  try {
    initial = await latencyView('1h', null);
  } catch (error) {
    log.error('latency page: first load failed', { err: error });
    initialError = 'The server could not read the latency data.';
  }
  return (
    <>
      <PageHeader title="Latency" subtitle="The pizza factory first, then every route: live, merged across instances." />
      <LatencyDashboard initial={initial} initialError={initialError} />
    </>
  );
}
