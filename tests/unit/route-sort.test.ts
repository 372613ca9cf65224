import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE_SORT, nextSort, sortRoutes } from '@/components/latency/route-sort';
import type { SeriesSummary } from '@/lib/telemetry/view';

const route = (series: string, count: number, p99: number | null, method = 'GET'): SeriesSummary => ({
  id: `api|${method}|${series}`,
  kind: 'api',
  series,
  method,
  count,
  rate: count / 60,
  p50: p99,
  p95: p99,
  p99,
  max: p99,
  errorRate: null,
  timeouts: 0,
});

const status = route('/admin/alerts/status', 1200, 4);
const menu = route('/api/order/menu', 300, 12);
const order = route('/api/order', 40, 32_000, 'POST');
const idle = route('/api/docs', 0, null);
const names = (routes: SeriesSummary[]) => routes.map((r) => r.series);

describe('the latency page’s route table order', () => {
  it('opens busiest first', () => {
    expect(names(sortRoutes([menu, order, status, idle], DEFAULT_ROUTE_SORT))).toEqual(['/admin/alerts/status', '/api/order/menu', '/api/order', '/api/docs']);
  });

  it('puts the slowest first on a first click on p99, and routes without calls last either way', () => {
    const byP99 = nextSort(DEFAULT_ROUTE_SORT, 'p99');
    expect(byP99).toEqual({ key: 'p99', direction: 'descending' });
    expect(names(sortRoutes([status, idle, menu, order], byP99))).toEqual(['/api/order', '/api/order/menu', '/admin/alerts/status', '/api/docs']);
    const fastestFirst = nextSort(byP99, 'p99');
    expect(fastestFirst.direction).toBe('ascending');
    expect(names(sortRoutes([status, idle, menu, order], fastestFirst))).toEqual(['/admin/alerts/status', '/api/order/menu', '/api/order', '/api/docs']);
  });

  it('sorts names A to Z first, and breaks ties busiest first', () => {
    expect(names(sortRoutes([order, status, menu], nextSort(DEFAULT_ROUTE_SORT, 'route')))).toEqual(['/admin/alerts/status', '/api/order', '/api/order/menu']);
    const quiet = route('/api/user/me', 5, 12);
    expect(names(sortRoutes([quiet, menu], { key: 'p99', direction: 'descending' }))).toEqual(['/api/order/menu', '/api/user/me']);
  });

  it('leaves the list it was given alone', () => {
    const routes = [idle, order];
    sortRoutes(routes, DEFAULT_ROUTE_SORT);
    expect(routes).toEqual([idle, order]);
  });
});
