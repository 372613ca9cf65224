'use client';

import { SegmentError } from '@/components/admin/segment-error';

export default function FranchiseError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError error={error} retry={retry} what="this franchise" />;
}
