'use client';

import { useState } from 'react';
import { AutoRefresh } from '@/components/ui/live-time';
import type { OrderStatus } from '@/lib/store/orders';

/** How often the page re-reads an unmade order: often while the store is trying, rarely once it gave up (an admin may retry). */
const REFRESH_MS: Record<Exclude<OrderStatus, 'fulfilled'>, number> = { pending: 2_000, failed: 15_000 };

/**
 * Keeps a delivery page current: while the pizza is not made, it re-reads the order (paused
 * while the tab is hidden), and when the pizza arrives during the visit it says so, to sighted
 * and screen-reader users alike. Rendered at a fixed place in the page so its memory of the
 * earlier status survives each refresh.
 */
export function DeliveryWatcher({ status }: { status: OrderStatus }) {
  const [seen, setSeen] = useState<{ pending: boolean; unmade: boolean }>({ pending: status === 'pending', unmade: status !== 'fulfilled' });
  if ((status === 'pending' && !seen.pending) || (status !== 'fulfilled' && !seen.unmade)) {
    setSeen({ pending: seen.pending || status === 'pending', unmade: true });
  }
  const arrived = seen.unmade && status === 'fulfilled';
  const gaveUp = seen.pending && status === 'failed';
  return (
    <>
      {status !== 'fulfilled' && <AutoRefresh key={status} intervalMs={REFRESH_MS[status]} />}
      <div aria-live="polite" className="empty:hidden">
        {arrived && (
          <p className="rounded-xl border border-basil-500/30 bg-basil-500/5 px-4 py-3 text-sm font-semibold text-basil-600">
            Your pizza is here! The kitchen caught up and the factory signed it.
          </p>
        )}
        {gaveUp && (
          <p className="rounded-xl border border-sauce-500/30 bg-sauce-500/5 px-4 py-3 text-sm font-semibold text-sauce-700">
            We stopped waiting for the factory. Your order is still recorded.
          </p>
        )}
      </div>
    </>
  );
}
