import { Elapsed } from '@/components/ui/live-time';

/**
 * Absolute times on the alert and incident pages are in UTC, as in the postmortem: the server
 * and the browser then print the same text, and a timeline reads the same for everyone.
 */

const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const utcClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "26 Nov, 14:03:12 UTC", or "14:03:12 UTC" with clockOnly. */
export function formatUtc(at: string | number, clockOnly = false): string {
  return `${(clockOnly ? utcClock : utc).format(new Date(at))} UTC`;
}

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
