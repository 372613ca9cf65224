'use client';

import { RouteError } from '@/components/shop/route-error';

export default function CheckoutError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} title="Checkout hit a snag" />;
}
