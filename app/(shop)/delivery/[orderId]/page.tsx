import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ClearCartOnArrival } from '@/components/shop/clear-cart';
import { DeliveryWatcher } from '@/components/shop/delivery-watcher';
import { LocalDateTime } from '@/components/ui/local-time';
import { KitchenBehind, OrderItems, PizzaJwt } from '@/components/shop/delivery';
import { OrderStatusBadge } from '@/components/shop/order-status';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { orderIdParams } from '@/lib/api/schemas';
import { isAdmin } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { nullIfNotFound } from '@/lib/errors';
import { getOrder } from '@/lib/store/orders';
import type { SearchParamsProps } from '../../search-params';
import { verifyAction } from './actions';

type Props = SearchParamsProps & { params: Promise<{ orderId: string }> };

/** The signed-in user's order, or null when they have none by that number; once per request, for the title and the page. */
const findOrder = cache(async (rawId: string) => {
  const parsed = orderIdParams.safeParse({ orderId: rawId });
  if (!parsed.success) return null;
  const { orderId } = parsed.data;
  const user = await requireUser(`/delivery/${orderId}`);
  return nullIfNotFound(getOrder(user, orderId));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await findOrder((await params).orderId)) ? 'Your delivery' : 'Order not found' };
}

export default async function DeliveryPage({ params, searchParams }: Props) {
  const order = await findOrder((await params).orderId);
  if (!order) notFound();
  const path = `/delivery/${order.id}`;
  const user = await requireUser(path);
  const justPlaced = (await searchParams).placed === '1';

  return (
    <>
      {justPlaced && <ClearCartOnArrival path={path} />}
      <PageHeader
        title={`Order #${order.id}`}
        subtitle={
          <>
            {order.storeName} · {order.franchiseName} · <LocalDateTime at={order.date} />
          </>
        }
        actions={
          <ButtonLink href="/dashboard" variant="secondary">
            All my orders
          </ButtonLink>
        }
      />
      {justPlaced && order.status === 'fulfilled' && (
        <div className="mb-6">
          <Alert tone="success">Paid. Your pizza is baked and signed. Enjoy!</Alert>
        </div>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <section aria-labelledby="items-heading" className="self-start rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm">
          <div className="flex items-center justify-between gap-3">
            <h2 id="items-heading" className="text-lg font-bold">
              What you ordered
            </h2>
            <OrderStatusBadge status={order.status} />
          </div>
          <OrderItems order={order} />
        </section>
        {/* The watcher's news goes in this column, above what changed, so the order on the left does not move. */}
        <div className="flex min-w-0 flex-col gap-4">
          <DeliveryWatcher status={order.status} />
          {order.jwt ? (
            <PizzaJwt jwt={order.jwt} verifyAction={verifyAction} />
          ) : (
            <KitchenBehind
              orderId={order.id}
              status={order.status}
              reason={order.failureReason}
              placedAt={order.date}
              keepTryingMs={env().orderGiveUpMs}
              adminView={isAdmin(user)}
            />
          )}
        </div>
      </div>
    </>
  );
}
