'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';

/** Re-fetches the current page's server data. */
export function RefreshButton({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    // aria-disabled, not disabled, while refreshing: a disabled button would drop the keyboard focus.
    <Button
      onClick={() => !pending && startTransition(() => router.refresh())}
      aria-disabled={pending || undefined}
      aria-busy={pending}
    >
      {pending && <Spinner />} {children}
    </Button>
  );
}
