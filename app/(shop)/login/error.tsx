'use client';

import { RouteError } from '@/components/shop/route-error';

export default function LoginError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} title="We couldn’t sign you in" />;
}
