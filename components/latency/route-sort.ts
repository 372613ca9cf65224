import type { SeriesSummary } from '@/lib/telemetry/view';

/** The route table's columns that sort: the route's name, or one of its numbers. */
export type RouteSortKey = 'route' | 'count' | 'rate' | 'p50' | 'p95' | 'p99' | 'max' | 'errorRate' | 'timeouts';
export type SortDirection = 'ascending' | 'descending';
export interface RouteSort {
  key: RouteSortKey;
  direction: SortDirection;
}

/** The busiest first, as the table opens. */
export const DEFAULT_ROUTE_SORT: RouteSort = { key: 'count', direction: 'descending' };

/** A first click sorts names A–Z and numbers largest first (the slowest, the busiest); a second click reverses. */
export function nextSort(current: RouteSort, key: RouteSortKey): RouteSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: key === 'route' ? 'ascending' : 'descending' };
}

const routeName = (r: SeriesSummary) => `${r.series} ${r.method}`;

/** Sorted copy. Routes without a value (no calls in range) go last either way; ties go busiest first. */
export function sortRoutes(routes: SeriesSummary[], { key, direction }: RouteSort): SeriesSummary[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...routes].sort((a, b) => {
    if (key === 'route') return sign * routeName(a).localeCompare(routeName(b));
    const x = a[key];
    const y = b[key];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return sign * (x - y);
    }
    return b.count - a.count || routeName(a).localeCompare(routeName(b));
  });
}
