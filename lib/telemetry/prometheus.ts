import 'server-only';
import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Registry, type MetricValue } from 'prom-client';
import { db } from '@/lib/db';
import { breakerState } from '@/lib/factory-client/breaker';
import { log } from '@/lib/log';
import { FACTORY_KINDS, inFlightSummary, REQUEST_KINDS } from './inflight';
import type { CallKind } from './labels';
import { addSink, drainRecorded, type FinishedCall } from './record';

/**
 * This instance's metrics in Prometheus' text format (GET /api/metrics). The registry lives
 * on globalThis: a module-level metric would be registered once per route bundle and fail.
 * Histogram buckets reach 120 s, far above the time budget, so a 32 s hang is not read as the
 * top bucket; for exact percentiles use the latency page, whose sketches have no top bucket.
 */

export const DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10, 15, 20, 30, 45, 60, 90, 120];
const BREAKER_STATES = ['closed', 'half-open', 'open'] as const;
/** How long a gauge's database read serves scrapes (several Prometheus servers may scrape). */
const DB_READ_CACHE_MS = 2_000;
/** As the default smoke_test alert rule's window. */
const SMOKE_WINDOW_MS = 60 * 60_000;

/** A gauge's database read, shared by scrapes for DB_READ_CACHE_MS; while the database is unavailable the last value stays. */
function cachedRead<T>(gauge: string, initial: T, read: () => Promise<T>): () => Promise<T> {
  let value = initial;
  let at = 0;
  return async () => {
    if (Date.now() - at > DB_READ_CACHE_MS) {
      try {
        value = await read();
        at = Date.now();
      } catch (error) {
        log.warn(`${gauge} gauge: database unavailable`, { err: error });
      }
    }
    return value;
  };
}

interface Metrics {
  registry: Registry;
  requestDuration: ScrapedHistogram;
  requestTimeouts: Counter<'kind' | 'route' | 'method'>;
  factoryDuration: ScrapedHistogram;
  factoryTimeouts: Counter<'target' | 'origin'>;
}

/** One label set's histogram: a count per bucket (not cumulative; the last one is +Inf), sum and count. */
interface HistogramSeries {
  labels: Record<string, string>;
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * A histogram that is only counted into on the recording path and turned into Prometheus
 * samples when scraped. prom-client's Histogram validates, sorts and hashes the label set on
 * every observation, labelled child or not; this costs one Map lookup and a few additions.
 * Registered in the prom-client registry as a custom metric (name, help, type, get()), so the
 * registry writes it, escaping included, like its own.
 */
class ScrapedHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  /** `labelsOf(call)` names the label set `key` stands for; called once per label set. */
  observe(key: string, call: FinishedCall, labelsOf: (call: FinishedCall) => Record<string, string>, seconds: number): void {
    let series = this.series.get(key);
    if (!series) {
      series = { labels: labelsOf(call), buckets: new Array<number>(DURATION_BUCKETS_S.length + 1).fill(0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    let i = 0;
    while (i < DURATION_BUCKETS_S.length && seconds > DURATION_BUCKETS_S[i]!) i++;
    series.buckets[i]! += 1;
    series.sum += seconds;
    series.count += 1;
  }

  get(): { name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: MetricValue<string>[] } {
    const values: MetricValue<string>[] = [];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      let cumulative = 0;
      buckets.forEach((n, i) => {
        cumulative += n;
        const le = i < DURATION_BUCKETS_S.length ? DURATION_BUCKETS_S[i]! : '+Inf';
        values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le }, value: cumulative } as MetricValue<string>);
      });
      values.push({ metricName: `${this.name}_sum`, labels, value: sum } as MetricValue<string>);
      values.push({ metricName: `${this.name}_count`, labels, value: count } as MetricValue<string>);
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/**
 * The process's CPU, memory and event-loop use, read only when scraped. prom-client's default
 * collectors watch every garbage collection and sample the event loop continuously, which cost
 * the cached menu about 3 % of its throughput (bench, paired run) for figures nobody charts here.
 */
function processMetrics(registry: Registry): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  new Counter({
    name: 'jwt_pizza_process_cpu_seconds_total',
    help: 'User and system CPU time of this process, in seconds.',
    registers: [registry],
    collect() {
      const { user, system } = process.cpuUsage();
      this.reset();
      this.inc((user + system) / 1e6);
    },
  });
  gauge('jwt_pizza_process_resident_memory_bytes', 'Resident memory of this process, in bytes.', () => process.memoryUsage.rss());
  gauge('jwt_pizza_nodejs_heap_used_bytes', 'V8 heap in use, in bytes.', () => process.memoryUsage().heapUsed);
  gauge('jwt_pizza_process_start_time_seconds', 'When this process started, in seconds since the epoch.', () => Math.round(performance.timeOrigin / 1000));
  let elu = performance.eventLoopUtilization();
  gauge('jwt_pizza_nodejs_eventloop_utilization', 'Share of time the event loop was busy since the previous scrape (0–1).', () => {
    const since = performance.eventLoopUtilization(elu);
    elu = performance.eventLoopUtilization();
    return since.utilization;
  });
}

const globalForMetrics = globalThis as unknown as { __jwtPizzaMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  processMetrics(registry);
  const requestDuration = new ScrapedHistogram(
    'jwt_pizza_http_request_duration_seconds',
    'Time to serve a request: REST routes (kind=api), pages (kind=page) and server actions (kind=action).',
  );
  registry.registerMetric(requestDuration as unknown as Parameters<Registry['registerMetric']>[0]);
  const requestTimeouts = new Counter({
    name: 'jwt_pizza_http_request_timeouts_total',
    help: 'Requests during which a factory call ran out of its time budget.',
    labelNames: ['kind', 'route', 'method'],
    registers: [registry],
  });
  const factoryDuration = new ScrapedHistogram(
    'jwt_pizza_factory_call_duration_seconds',
    'Duration of calls to the pizza factory (origin=probe for the synthetic probe). status is 2xx..5xx, timeout or error.',
  );
  registry.registerMetric(factoryDuration as unknown as Parameters<Registry['registerMetric']>[0]);
  const factoryTimeouts = new Counter({
    name: 'jwt_pizza_factory_call_timeouts_total',
    help: 'Factory calls that ran out of their time budget.',
    labelNames: ['target', 'origin'],
    registers: [registry],
  });
  inFlightGauges(registry, 'jwt_pizza_factory_calls_in_flight', 'jwt_pizza_factory_oldest_in_flight_seconds', FACTORY_KINDS, 'factory calls');
  inFlightGauges(registry, 'jwt_pizza_http_requests_in_flight', 'jwt_pizza_http_oldest_in_flight_seconds', REQUEST_KINDS, 'requests being served');
  new Gauge({
    name: 'jwt_pizza_factory_breaker_state',
    help: "This instance's circuit breaker around the factory: 1 for the current state, 0 for the others.",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const { state } = breakerState();
      for (const s of BREAKER_STATES) this.set({ state: s }, s === state ? 1 : 0);
    },
  });
  const pendingOrders = cachedRead('pending orders', 0, () => db.order.count({ where: { status: 'pending' } }));
  new Gauge({
    name: 'jwt_pizza_orders_pending',
    help: 'Paid orders waiting for the factory (all instances: read from the shared database).',
    registers: [registry],
    async collect() {
      this.set(await pendingOrders());
    },
  });
  const latestConfig = cachedRead('config version', { version: 0, appliedAt: 0 }, async () => {
    const latest = await db.configChangeEvent.findFirst({ orderBy: { appliedAt: 'desc' }, select: { version: true, appliedAt: true } });
    return { version: latest?.version ?? 0, appliedAt: latest ? latest.appliedAt.getTime() / 1000 : 0 };
  });
  new Gauge({
    name: 'jwt_pizza_factory_config_version',
    help: "The factory configuration version the store last heard of (its announcements); a change marks a configuration change.",
    registers: [registry],
    async collect() {
      this.set((await latestConfig()).version);
    },
  });
  new Gauge({
    name: 'jwt_pizza_factory_config_applied_timestamp_seconds',
    help: 'When the latest factory configuration change the store heard of was applied (Unix seconds).',
    registers: [registry],
    async collect() {
      this.set((await latestConfig()).appliedAt);
    },
  });
  const smokeTestFailed = cachedRead('smoke test', 0, async () => {
    const latest = await db.smokeTest.findFirst({
      where: { status: { not: 'running' }, startedAt: { gte: new Date(Date.now() - SMOKE_WINDOW_MS) } },
      orderBy: { startedAt: 'desc' },
      select: { status: true },
    });
    return latest?.status === 'failed' ? 1 : 0;
  });
  new Gauge({
    name: 'jwt_pizza_factory_smoke_test_failed',
    help: 'The latest finished post-change smoke test within the last hour failed (1) or not (0); all instances: read from the shared database.',
    registers: [registry],
    async collect() {
      this.set(await smokeTestFailed());
    },
  });
  return { registry, requestDuration, requestTimeouts, factoryDuration, factoryTimeouts };
}

const factoryLabels = (call: FinishedCall) => ({ target: call.series, method: call.method, status: call.status, origin: call.origin });
const requestLabels = (call: FinishedCall) => ({ kind: call.kind, route: call.series, method: call.method, status: call.status });

function observe(metrics: Metrics, call: FinishedCall, key: string): void {
  const seconds = call.durationMs / 1000;
  if (call.kind === 'factory') {
    metrics.factoryDuration.observe(key, call, factoryLabels, seconds);
  } else {
    metrics.requestDuration.observe(key, call, requestLabels, seconds);
  }
  if (!call.timedOut) return;
  if (call.kind === 'factory') metrics.factoryTimeouts.inc({ target: call.series, origin: call.origin });
  else metrics.requestTimeouts.inc({ kind: call.kind, route: call.series, method: call.method });
}

/** The registry, created (and subscribed to every finished call) on first use. */
export function prometheusMetrics(): Metrics {
  if (!globalForMetrics.__jwtPizzaMetrics) {
    const metrics = create();
    globalForMetrics.__jwtPizzaMetrics = metrics;
    addSink('prometheus', (call, labelKey) => observe(metrics, call, labelKey));
  }
  return globalForMetrics.__jwtPizzaMetrics;
}

export async function metricsExposition(): Promise<{ contentType: string; body: string }> {
  const { registry } = prometheusMetrics();
  drainRecorded();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** The count and the oldest age of unfinished calls of some kinds, on this instance. */
function inFlightGauges(registry: Registry, countName: string, ageName: string, kinds: readonly CallKind[], what: string): void {
  new Gauge({
    name: countName,
    help: `The ${what} started and not yet finished on this instance.`,
    registers: [registry],
    collect() {
      this.set(inFlightSummary(kinds).count);
    },
  });
  new Gauge({
    name: ageName,
    help: `Age of the oldest of the ${what} still in flight on this instance (0 when none).`,
    registers: [registry],
    collect() {
      const { oldestStartedAt } = inFlightSummary(kinds);
      this.set(oldestStartedAt === null ? 0 : (Date.now() - oldestStartedAt) / 1000);
    },
  });
}
