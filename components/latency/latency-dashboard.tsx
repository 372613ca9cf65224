'use client';

import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { RANGES, type LatencyPoints, type LatencyView, type RangeKey } from '@/lib/telemetry/view';
import { formatAge } from './format';
import { MarkersList } from './markers-list';
import { RangePicker } from './range-picker';
import { RouteTable } from './route-table';
import { StatusCard } from './status-card';
import { TimeChart, type ChartSeries } from './time-chart';

/** Colours picked for contrast on white and told apart by dash as well as hue. */
const COLOURS = { p50: '#256640', p95: '#b45309', p99: '#d9412b', max: '#231c1a', rate: '#1d4ed8', errors: '#96281a', timeouts: '#b45309', requests: '#256640' };

function latencySeries(p: LatencyPoints): ChartSeries[] {
  return [
    { label: 'p50', values: p.p50, color: COLOURS.p50 },
    { label: 'p95', values: p.p95, color: COLOURS.p95, dash: [6, 3] },
    { label: 'p99', values: p.p99, color: COLOURS.p99, width: 2 },
    { label: 'max', values: p.max, color: COLOURS.max, dash: [2, 3] },
  ];
}

const hasCalls = (p: LatencyPoints) => p.rate.some((r) => r > 0);

const SESSION_ENDED = 'Your session has ended or is not an admin’s: sign in again.';

async function fetchView(range: RangeKey, routeId: string | null, signal: AbortSignal): Promise<LatencyView> {
  const params = new URLSearchParams({ range });
  if (routeId) params.set('route', routeId);
  let response: Response;
  try {
    response = await fetch(`/admin/latency/data?${params}`, { signal, cache: 'no-store' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new Error('The server could not be reached.');
  }
  if (response.status === 401 || response.status === 403) throw new Error(SESSION_ENDED);
  if (!response.ok) throw new Error(`The server answered ${response.status}.`);
  return (await response.json()) as LatencyView;
}

/** Point charts for one series: latency, rate, and failures (share and timeouts). */
function SeriesCharts({ points, markers, logScale, what }: { points: LatencyPoints; markers: LatencyView['markers']; logScale: boolean; what: string }) {
  return (
    <div className="flex flex-col gap-6">
      <TimeChart
        title={`${what}: latency`}
        description="p50, p95, p99 and max per time bucket, merged across instances"
        t={points.t}
        series={latencySeries(points)}
        unit="ms"
        markers={markers}
        logScale={logScale}
        height={260}
      />
      <div className="grid gap-6 md:grid-cols-3">
        <TimeChart title="Call rate" t={points.t} series={[{ label: 'rate', values: points.rate, color: COLOURS.rate }]} unit="rate" markers={markers} height={160} />
        <TimeChart
          title="Failed share"
          description="5xx, timeouts and no answer"
          t={points.t}
          series={[{ label: 'errors', values: points.errorRate, color: COLOURS.errors }]}
          unit="share"
          markers={markers}
          height={160}
        />
        <TimeChart
          title="Timeouts"
          description="calls past their time budget, per bucket"
          t={points.t}
          series={[{ label: 'timeouts', values: points.timeouts, color: COLOURS.timeouts }]}
          unit="count"
          markers={markers}
          height={160}
        />
      </div>
    </div>
  );
}

/**
 * The latency page: the factory's status and charts, the oldest in-flight call, and every
 * route. It polls a JSON route handler (faster for short ranges), pauses while the tab is
 * hidden, and keeps showing the last good data when a refresh fails.
 */
export function LatencyDashboard({ initialRange, initial, initialError }: { initialRange: RangeKey; initial: LatencyView | null; initialError: string | null }) {
  const [range, setRange] = useState<RangeKey>(initialRange);
  const chooseRange = (next: RangeKey) => {
    setRange(next);
    // In the address too, so a reload or a shared link shows the same range.
    const url = new URL(window.location.href);
    url.searchParams.set('range', next);
    window.history.replaceState(null, '', url);
  };
  const [routeId, setRouteId] = useState<string | null>(null);
  const [view, setView] = useState<LatencyView | null>(initial);
  const [error, setError] = useState<string | null>(initialError);
  const [loading, setLoading] = useState(false);
  const [paused, setPaused] = useState(false);
  const [logScale, setLogScale] = useState(true);
  const [retries, setRetries] = useState(0);
  const [now, setNow] = useState(() => initial?.generatedAt ?? 0);
  // A route chosen in the table: its charts are scrolled into view once they have arrived.
  const routeCharts = useRef<HTMLDivElement>(null);
  const [revealRoute, setRevealRoute] = useState(false);
  const selectRoute = (id: string | null) => {
    setRouteId(id);
    setRevealRoute(id !== null);
  };
  const routeReady = routeId !== null && view?.route?.id === routeId;
  useEffect(() => {
    if (!revealRoute || !routeReady) return;
    routeCharts.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    setRevealRoute(false);
  }, [revealRoute, routeReady]);

  useEffect(() => {
    const clock = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(clock);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const current = view && view.range === range && (view.route?.id ?? null) === routeId;
    async function refresh(showLoading: boolean) {
      if (document.hidden && !showLoading) return schedule();
      if (showLoading) setLoading(true);
      try {
        setView(await fetchView(range, routeId, controller.signal));
        setError(null);
      } catch (e) {
        if (controller.signal.aborted) return;
        setError(e instanceof Error ? e.message : 'The latency data could not be loaded.');
      } finally {
        if (showLoading && !controller.signal.aborted) setLoading(false);
      }
      schedule();
    }
    function schedule(delayMs: number = RANGES[range].refreshMs) {
      if (!paused && !controller.signal.aborted) timer = setTimeout(() => void refresh(false), delayMs);
    }
    const onVisible = () => {
      if (!document.hidden && !paused) {
        clearTimeout(timer);
        void refresh(false);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    // Data already shown is refreshed when it is due: at once after a long pause.
    if (current && retries === 0) schedule(Math.max(0, RANGES[range].refreshMs - (Date.now() - view.generatedAt)));
    else void refresh(!current);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
    // `view` is read only to know whether it already matches; refreshing sets it.
  }, [range, routeId, paused, retries]);

  const selectedRoute = view?.routes.find((r) => r.id === routeId);
  const routeLabel = selectedRoute ? `${selectedRoute.method} ${selectedRoute.series}` : (routeId ?? '');
  const empty = view !== null && !hasCalls(view.factory) && view.routes.length === 0 && view.inFlight.factoryMs.every((v) => !v);

  return (
    <div className="flex flex-col gap-6" aria-busy={loading}>
      <div className="flex flex-wrap items-center gap-3">
        <RangePicker value={range} onChange={chooseRange} />
        <Button variant="secondary" size="sm" aria-pressed={logScale} onClick={() => setLogScale((v) => !v)}>
          Log scale
        </Button>
        <Button variant="secondary" size="sm" aria-pressed={paused} onClick={() => setPaused((v) => !v)}>
          {paused ? 'Resume live updates' : 'Pause live updates'}
        </Button>
        <span className="flex items-center gap-2 text-sm text-char-700" role="status">
          {loading && <Spinner />}
          {loading ? 'Loading…' : view ? `${paused ? 'Paused' : 'Live'} · updated ${formatAge(now - view.generatedAt)}` : ''}
        </span>
      </div>

      {error && (
        <Alert>
          <span className="flex flex-wrap items-center justify-between gap-3">
            <span>
              Could not load the latency data. {error} {view ? 'Showing the last data received.' : ''}
            </span>
            {error === SESSION_ENDED ? (
              <ButtonLink variant="danger" size="sm" href="/login?returnTo=%2Fadmin%2Flatency">
                Sign in again
              </ButtonLink>
            ) : (
              <Button variant="danger" size="sm" onClick={() => setRetries((n) => n + 1)}>
                Try again
              </Button>
            )}
          </span>
        </Alert>
      )}

      {!view && !error && (
        <Card className="flex items-center gap-3 text-char-700">
          <Spinner /> Loading latency data…
        </Card>
      )}

      {view && (
        <>
          <StatusCard status={view.status} now={now} />

          {empty ? (
            <EmptyState title="No data yet">
              Nothing has been recorded in the last {RANGES[view.range].label}.{' '}
              {view.status.probeIntervalMs
                ? `The probe orders a test pizza every ${Math.round(view.status.probeIntervalMs / 1000)} s; its first points appear within seconds.`
                : 'The probe is off (PROBE_INTERVAL_MS=0), so points appear when customers order.'}
            </EmptyState>
          ) : (
            <>
              <Card>
                <h2 className="mb-4 text-lg font-bold">Factory orders (customers and probe)</h2>
                <SeriesCharts points={view.factory} markers={view.markers} logScale={logScale} what="POST /api/order at the factory" />
                <h3 className="mb-2 mt-6 text-sm font-semibold text-char-800">Configuration changes (the numbered lines)</h3>
                <MarkersList markers={view.markers} />
              </Card>

              <Card>
                <h2 className="mb-4 text-lg font-bold">Oldest call in flight</h2>
                <TimeChart
                  title="Age of the oldest unfinished call"
                  description="sampled every second on every instance; a hung call climbs here while it hangs"
                  t={view.inFlight.t}
                  series={[
                    { label: 'factory call', values: view.inFlight.factoryMs, color: COLOURS.p99, width: 2 },
                    { label: 'request', values: view.inFlight.requestsMs, color: COLOURS.requests, dash: [6, 3] },
                  ]}
                  unit="ms"
                  markers={view.markers}
                  height={200}
                />
              </Card>

              <Card>
                <h2 className="mb-1 text-lg font-bold">Routes and factory targets</h2>
                <p className="mb-4 text-sm text-char-700">
                  Choose one to chart it.<span className="sm:hidden"> A wider screen shows its rate, p50, p95 and max too.</span>
                </p>
                {view.routes.length === 0 ? <p className="text-sm text-char-700">No requests in this range.</p> : <RouteTable routes={view.routes} selected={routeId} onSelect={selectRoute} />}
                {routeId && (
                  <div ref={routeCharts} className="mt-6 scroll-mt-20">
                    {routeReady && view.route ? (
                      <>
                        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
                          <h3 className="font-mono text-sm font-semibold">{routeLabel}</h3>
                          <Button variant="secondary" size="sm" onClick={() => selectRoute(null)}>
                            Hide its charts
                          </Button>
                        </div>
                        <SeriesCharts
                          points={view.route.points}
                          markers={view.markers}
                          logScale={logScale}
                          what={routeLabel}
                        />
                      </>
                    ) : (
                      <p className="flex items-center gap-2 text-sm text-char-700">
                        <Spinner /> Loading its charts…
                      </p>
                    )}
                  </div>
                )}
              </Card>
            </>
          )}
        </>
      )}
    </div>
  );
}
