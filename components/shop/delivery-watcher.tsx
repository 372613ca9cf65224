'use client';

import { useState } from 'react';
import { AutoRefresh } from '@/components/ui/live-time';
import type { OrderStatus } from '@/lib/store/orders';

/**
 * Keeps a delivery page current: while the order is pending it re-reads the order every two
 * seconds (paused while the tab is hidden), and when the pizza arrives during the visit it says
 * so, to sighted and screen-reader users alike. Rendered at a fixed place in the page so its
 * memory of "was pending" survives each refresh.
 */
export function DeliveryWatcher({ status }: { status: OrderStatus }) {
  const [waited, setWaited] = useState(status === 'pending');
  if (status === 'pending' && !waited) setWaited(true);
  const arrived = waited && status === 'fulfilled';
  const gaveUp = waited && status === 'failed';
  return (
    <>
      {status === 'pending' && <AutoRefresh intervalMs={2000} />}
      <div aria-live="polite" className="empty:hidden">
        {arrived && (
          <p className="mb-6 rounded-xl border border-basil-500/30 bg-basil-500/5 px-4 py-3 text-sm font-semibold text-basil-600">
            Your pizza is here! The kitchen caught up and the factory signed it.
          </p>
        )}
        {gaveUp && (
          <p className="mb-6 rounded-xl border border-sauce-500/30 bg-sauce-500/5 px-4 py-3 text-sm font-semibold text-sauce-700">
            We stopped waiting for the factory. Your order is still recorded.
          </p>
        )}
      </div>
    </>
  );
}
