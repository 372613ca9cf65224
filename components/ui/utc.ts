/**
 * Absolute times on the admin and on-call pages are in UTC, as in the postmortem: the server and
 * every browser print the same text (no hydration mismatch), and a timeline reads the same for
 * everyone on the call.
 */

const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const utcClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "26 Nov, 14:03:12 UTC", or "14:03:12 UTC" with clockOnly. */
export function formatUtc(at: string | number | Date, clockOnly = false): string {
  return `${(clockOnly ? utcClock : utc).format(new Date(at))} UTC`;
}
