import type { Metadata } from 'next';
import { LatencyDashboard } from '@/components/latency/latency-dashboard';
import { PageHeader } from '@/components/ui/card';
import { requireAdmin } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { latencyView } from '@/lib/telemetry/dashboard';
import { isRangeKey, type LatencyView } from '@/lib/telemetry/view';

export const metadata: Metadata = { title: 'Latency' };
export const dynamic = 'force-dynamic';

export default async function LatencyPage({ searchParams }: { searchParams: Promise<{ range?: string | string[] }> }) {
  await requireAdmin('/admin/latency');
  // ?range= keeps the chosen range across reloads and in shared links; anything else is the default.
  const asked = (await searchParams).range;
  const range = isRangeKey(asked) ? asked : '1h';
  let initial: LatencyView | null = null;
  let initialError: string | null = null;
  try {
    initial = await latencyView(range, null);
  } catch (error) {
    log.error('latency page: first load failed', { err: error });
    initialError = 'The server could not read the latency data.';
  }
  return (
    <>
      <PageHeader title="Latency" subtitle="The pizza factory first, then every route: live, merged across instances." />
      <LatencyDashboard initialRange={range} initial={initial} initialError={initialError} />
    </>
  );
}
