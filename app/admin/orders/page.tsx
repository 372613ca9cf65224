import type { Metadata } from 'next';
import { ActionButton } from '@/components/admin/action-button';
import { BreakerBadge, explainBreaker } from '@/components/admin/breaker-badge';
import { QueueAge } from '@/components/admin/queue-age';
import { formatUtc } from '@/components/ui/utc';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { formatDuration } from '@/components/ui/duration';
import { AutoRefresh, Elapsed } from '@/components/ui/live-time';
import { requireAdmin } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { breakerState } from '@/lib/factory-client/breaker';
import { fulfilmentQueue } from '@/lib/store/fulfilment';
import { retryOrderAction } from './actions';

export const metadata: Metadata = { title: 'Orders · Admin' };

const REFRESH_MS = 3000;

export default async function AdminOrdersPage() {
  const admin = await requireAdmin('/admin/orders');
  const { stores, failed } = await fulfilmentQueue(admin);
  const breaker = breakerState();
  const giveUpMs = env().orderGiveUpMs;
  const pending = stores.reduce((sum, s) => sum + s.pending, 0);
  const oldest = stores.flatMap((s) => (s.oldestPendingAt ? [s.oldestPendingAt] : [])).sort()[0];

  return (
    <>
      <AutoRefresh intervalMs={REFRESH_MS} />
      <PageHeader
        title="Orders"
        subtitle={`Paid orders waiting for the pizza factory, and the ones it never made. Updates every ${REFRESH_MS / 1000} seconds.`}
      />

      <div className="mb-8 grid grid-cols-1 gap-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card aria-labelledby="breaker-title" role="region" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="breaker-title" className="text-lg font-semibold text-char-900">
              Factory circuit
            </h2>
            <BreakerBadge state={breaker.state} />
          </div>
          <p className="text-char-800">{explainBreaker(breaker.state)}</p>
          <p className="text-sm text-char-700">
            Since <time dateTime={breaker.since.toISOString()}>{formatUtc(breaker.since)}</time> (
            <Elapsed since={breaker.since.toISOString()} /> ago). This instance&apos;s view: each app instance keeps its own circuit.
          </p>
        </Card>
        <Card className="grid grid-cols-2 gap-4">
          <div>
            <p className="text-sm text-char-700">Pending</p>
            <p className="text-4xl font-bold tracking-tight tabular-nums text-char-900">{pending}</p>
            <p className="text-sm text-char-700">
              {oldest ? (
                <>
                  oldest <Elapsed since={oldest} />
                </>
              ) : (
                'none waiting'
              )}
            </p>
          </div>
          <div>
            <p className="text-sm text-char-700">Failed</p>
            <p className={`text-4xl font-bold tracking-tight tabular-nums ${failed.length ? 'text-sauce-700' : 'text-char-900'}`}>{failed.length}</p>
            <p className="text-sm text-char-700">gave up after {formatDuration(giveUpMs)}</p>
          </div>
        </Card>
      </div>

      <section aria-labelledby="pending-title" className="mb-8">
        <h2 id="pending-title" className="mb-3 text-xl font-bold text-char-900">
          Waiting for the factory
        </h2>
        {stores.length === 0 ? (
          <EmptyState title="No orders waiting — the factory is keeping up">Pending orders appear here, per store, while the factory is slow or failing.</EmptyState>
        ) : (
          <ul aria-label="Pending orders per store" className="divide-y divide-char-900/10 overflow-hidden rounded-2xl border border-char-900/10 bg-white shadow-sm">
            {stores.map((store) => (
              <li key={store.storeId} className="grid grid-cols-1 gap-3 px-5 py-4 sm:grid-cols-[minmax(0,1fr)_7rem_minmax(0,1.5fr)] sm:items-center sm:gap-6">
                <div className="min-w-0">
                  <p className="truncate font-semibold text-char-900">{store.storeName}</p>
                  <p className="truncate text-sm text-char-700">{store.franchiseName}</p>
                </div>
                <p className="text-char-800">
                  <span className="text-2xl font-bold tabular-nums text-char-900">{store.pending}</span> pending
                </p>
                {store.oldestPendingAt && <QueueAge since={store.oldestPendingAt} limitMs={giveUpMs} />}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm text-char-700">
          The store retries pending orders in the background, backing off between attempts, and marks an order failed after{' '}
          {formatDuration(giveUpMs)}.
        </p>
      </section>

      <section aria-labelledby="failed-title">
        <h2 id="failed-title" className="mb-3 text-xl font-bold text-char-900">
          Failed orders
        </h2>
        {failed.length === 0 ? (
          <EmptyState title="No failed orders">Every paid order so far has been made, or is still being tried.</EmptyState>
        ) : (
          <ul aria-label="Failed orders" className="divide-y divide-char-900/10 overflow-hidden rounded-2xl border border-char-900/10 bg-white shadow-sm">
            {failed.map((order) => (
              <li key={order.id} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold text-char-900">Order #{order.id}</span>
                    <Badge tone="bad">Failed</Badge>
                    <Badge>
                      {order.attempts} {order.attempts === 1 ? 'attempt' : 'attempts'}
                    </Badge>
                  </p>
                  <p className="mt-1 text-sm text-char-700">
                    {order.storeName} · {order.franchiseName} · placed <time dateTime={order.createdAt}>{formatUtc(order.createdAt)}</time>
                  </p>
                  <p className="mt-1 break-words text-sm text-char-800">
                    <span className="font-semibold">Reason:</span> {order.failureReason ?? 'no answer was recorded'}
                  </p>
                </div>
                <ActionButton
                  action={retryOrderAction}
                  fields={{ orderId: order.id }}
                  label="Retry"
                  accessibleName={`Retry order #${order.id}`}
                  pendingLabel="Retrying…"
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
