'use client';

import { RouteError } from '@/components/shop/route-error';

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} />;
}
