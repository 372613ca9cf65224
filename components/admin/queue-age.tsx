'use client';

import { formatDuration } from '@/components/ui/duration';
import { useNow } from '@/components/ui/live-time';

/**
 * How long the oldest pending order has waited, as text and as a bar against the time after
 * which the store gives up on it. The bar turns from calm to alarming as the limit nears.
 */
export function QueueAge({ since, limitMs }: { since: string; limitMs: number }) {
  const now = useNow();
  const age = Math.max(0, now - Date.parse(since));
  const share = Math.min(1, age / limitMs);
  const colour = share < 0.25 ? 'bg-basil-500' : share < 0.6 ? 'bg-crust-300' : 'bg-sauce-500';
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <span className="text-sm text-char-800">
        Oldest waiting <strong className="tabular-nums" suppressHydrationWarning>{formatDuration(age)}</strong>
      </span>
      <div
        role="meter"
        aria-label="Oldest wait against the give-up limit"
        aria-valuemin={0}
        aria-valuemax={Math.round(limitMs / 1000)}
        aria-valuenow={Math.round(age / 1000)}
        aria-valuetext={`${formatDuration(age)} of ${formatDuration(limitMs)}`}
        className="h-2 w-full overflow-hidden rounded-full bg-char-900/10"
        suppressHydrationWarning
      >
        <div className={`h-full rounded-full transition-[width] duration-1000 ${colour}`} style={{ width: `${Math.max(2, share * 100)}%` }} suppressHydrationWarning />
      </div>
    </div>
  );
}
