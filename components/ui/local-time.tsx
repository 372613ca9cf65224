'use client';

import { useHydrated } from './use-hydrated';

const local = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const utc = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * "Nov 26, 2026, 3:57 PM" in the reader's own time zone, from an ISO date or epoch seconds. The
 * server cannot know the zone: it prints UTC, labelled, and the browser swaps in local time.
 */
export function LocalDateTime({ at }: { at: string | number }) {
  const hydrated = useHydrated();
  const date = typeof at === 'number' ? new Date(at * 1000) : new Date(at);
  return <time dateTime={date.toISOString()}>{hydrated ? local.format(date) : `${utc.format(date)} UTC`}</time>;
}
