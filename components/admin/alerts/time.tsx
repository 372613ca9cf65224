import { Elapsed } from '@/components/ui/live-time';
import { formatUtc } from '@/components/ui/utc';

/** Absolute times on the alert and incident pages are in UTC (components/ui/utc.ts). */

export function When({ at, clockOnly = false, className }: { at: string; clockOnly?: boolean; className?: string }) {
  return (
    <time dateTime={at} className={className}>
      {formatUtc(at, clockOnly)}
    </time>
  );
}

/** "2 min 05 s ago (26 Nov, 14:03:12 UTC)": live relative time, then the absolute one. */
export function SinceWhen({ at }: { at: string }) {
  return (
    <span>
      <Elapsed since={at} /> ago <span className="text-char-700">(<When at={at} />)</span>
    </span>
  );
}
