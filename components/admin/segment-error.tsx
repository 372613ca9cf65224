'use client';

import { useEffect } from 'react';
import { Button } from '@/components/ui/button';

/** The body of an error.tsx: says what failed and offers a retry. */
export function SegmentError({ error, retry, what }: { error: unknown; retry: () => void; what: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-2xl border border-sauce-500/30 bg-white px-6 py-10 text-center shadow-sm">
      <p className="text-lg font-semibold text-char-900">We couldn&apos;t load {what}.</p>
      <p className="mt-1 text-char-700">It may be a hiccup on our side. Try again in a moment.</p>
      <Button className="mt-5" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
