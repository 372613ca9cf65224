'use client';

import { useEffect } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';

/** The body of every error.tsx: a calm explanation and a retry button. */
export function RouteError({ error, retry, title = 'Something went wrong' }: { error: unknown; retry: () => void; title?: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-2xl border border-sauce-500/20 bg-white px-6 py-10 text-center shadow-sm">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src="/pizzas/generic.svg" alt="" width={72} height={72} className="mx-auto" />
      <h1 className="mt-3 text-2xl font-bold text-char-900">{title}</h1>
      <p className="mt-2 text-char-700">We dropped this one on the way out of the oven. Please try again; if it keeps happening, come back in a minute.</p>
      {digest && <p className="mt-2 font-mono text-xs text-char-700">Reference: {digest}</p>}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button onClick={() => retry()}>Try again</Button>
        <ButtonLink href="/" variant="secondary">
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
