/**
 * A small read-through cache with a time-to-live, kept on globalThis so every route bundle
 * in this process shares it and an invalidation anywhere clears it everywhere. Other app
 * instances converge within the TTL, so entries must tolerate being that stale.
 */
interface Entry {
  expiresAt: number;
  value: Promise<unknown>;
}

const globalForCache = globalThis as unknown as { __jwtPizzaCache?: Map<string, Entry> };
const entries = (globalForCache.__jwtPizzaCache ??= new Map());

export function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  if (ttlMs <= 0) return load();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { expiresAt: now + ttlMs, value });
  // A failed load is not cached.
  value.catch(() => entries.get(key)?.value === value && entries.delete(key));
  return value;
}

/** Drops every entry whose key starts with the prefix. */
export function invalidate(prefix: string): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
}
