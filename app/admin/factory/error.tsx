'use client';

import { SegmentError } from '@/components/admin/segment-error';

export default function FactoryError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError error={error} retry={retry} what="the factory console" />;
}
