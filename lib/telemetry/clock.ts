/**
 * Wall-clock milliseconds for the per-call path. Next replaces Date.now with a wrapper that
 * checks whether the clock is read during a prerender (about 1.3 µs a call under load, in a
 * CPU profile); performance.now() is Node's own. The offset between the two clocks is read
 * again once a second, so a change of the system clock shows within a second.
 */
let offset = 0;
let resyncAt = -Infinity;

/** The wall-clock time of `now`, a performance.now() reading (the current one by default). */
export function epochMs(now = performance.now()): number {
  if (now >= resyncAt || now < resyncAt - 1_000) {
    offset = Date.now() - now;
    resyncAt = now + 1_000;
  }
  return offset + now;
}
