import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { Price } from '@/components/ui/price';
import type { OrderHistory as History } from '@/lib/store/orders';
import { LocalDateTime } from '@/components/ui/local-time';
import { itemSummary, pizzaCount } from './format';
import { OrderStatusBadge } from './order-status';

export function OrderHistory({ history }: { history: History }) {
  const { orders, page, more } = history;
  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading" className="mb-3 text-xl font-bold">
        Order history
      </h2>
      {orders.length === 0 ? (
        page === 1 ? (
          <EmptyState title="No orders yet" action={<ButtonLink href="/menu">Order your first pizza</ButtonLink>}>
            Your signed pizzas will show up here.
          </EmptyState>
        ) : (
          <EmptyState title="No orders on this page" action={<ButtonLink href="/dashboard">Back to your latest orders</ButtonLink>} />
        )
      ) : (
        <ul className="space-y-3">
          {orders.map((order) => (
            <li
              key={order.id}
              className="relative flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-2xl border border-char-900/10 bg-white p-4 shadow-sm transition-colors focus-within:border-sauce-500 hover:border-sauce-500/50"
            >
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <Link href={`/delivery/${order.id}`} className="font-bold text-char-900 after:absolute after:inset-0 after:rounded-2xl focus-visible:outline-none">
                    Order #{order.id}
                  </Link>
                  <OrderStatusBadge status={order.status} />
                </p>
                <p className="mt-1 text-sm text-char-700 wrap-anywhere">
                  <LocalDateTime at={order.date} /> · {order.storeName} · {pizzaCount(order.items.length)}
                </p>
                <p className="mt-1 truncate text-sm text-char-700">{itemSummary(order.items)}</p>
              </div>
              <Price btc={order.totalPrice} className="font-semibold" />
            </li>
          ))}
        </ul>
      )}
      {/* A page past the end has its own way back (the empty state's link), not a pager to more empty pages. */}
      {orders.length > 0 && (page > 1 || more) && (
        <nav aria-label="Order history pages" className="mt-4 flex items-center justify-between gap-3">
          {page > 1 ? (
            <ButtonLink href={`/dashboard?page=${page - 1}`} variant="secondary" size="sm">
              ← Newer
            </ButtonLink>
          ) : (
            <span />
          )}
          <span className="text-sm text-char-700">Page {page}</span>
          {more ? (
            <ButtonLink href={`/dashboard?page=${page + 1}`} variant="secondary" size="sm">
              Older →
            </ButtonLink>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
