'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { formatClock, formatDuration } from './duration';

/** The current time, ticking every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** How long ago `since` was, kept up to date: "3 min 05 s". */
export function Elapsed({ since, className }: { since: string; className?: string }) {
  const now = useNow();
  return (
    <time dateTime={since} className={className} suppressHydrationWarning>
      {formatDuration(now - Date.parse(since))}
    </time>
  );
}

/**
 * Time left until `until` as a clock ("4:07"). When it runs out, the page's server data is
 * refreshed once, so whatever the deadline changes (an experiment reverting) shows up.
 */
export function Countdown({ until, className }: { until: string; className?: string }) {
  const now = useNow();
  const router = useRouter();
  const left = Date.parse(until) - now;
  const expired = left <= 0;
  useEffect(() => {
    if (!expired) return;
    // Whatever ends at the deadline may take a moment to show (the factory reverts an expired
    // experiment when it is next read): refresh soon, then now and then until it has.
    const soon = setTimeout(() => router.refresh(), 1000);
    const later = setInterval(() => router.refresh(), 5000);
    return () => {
      clearTimeout(soon);
      clearInterval(later);
    };
  }, [expired, router]);
  return (
    <time dateTime={until} role="timer" aria-label={`${formatDuration(left)} left`} className={`tabular-nums ${className ?? ''}`} suppressHydrationWarning>
      {formatClock(left)}
    </time>
  );
}

/**
 * Re-fetches the page's server data every `intervalMs` while mounted. Pauses while the tab is
 * hidden, refreshes at once when it comes back, and never stacks a refresh on a slow one.
 */
export function AutoRefresh({ intervalMs = 2000 }: { intervalMs?: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  useEffect(() => {
    busy.current = pending;
  }, [pending]);
  useEffect(() => {
    const tick = () => {
      if (document.hidden || busy.current) return;
      startTransition(() => router.refresh());
    };
    const timer = setInterval(tick, intervalMs);
    const onVisible = () => {
      if (!document.hidden) tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [router, intervalMs]);
  return null;
}
