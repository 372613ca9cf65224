/**
 * The latency page's data, as the JSON route sends it. No server imports: the page's client
 * components import these types and the range table.
 */

export const RANGES = {
  '15m': { label: '15 min', ms: 15 * 60_000, resolution: 10, refreshMs: 5_000 },
  '1h': { label: '1 hour', ms: 60 * 60_000, resolution: 10, refreshMs: 5_000 },
  '6h': { label: '6 hours', ms: 6 * 3_600_000, resolution: 60, refreshMs: 15_000 },
  '24h': { label: '24 hours', ms: 24 * 3_600_000, resolution: 60, refreshMs: 30_000 },
  '7d': { label: '7 days', ms: 7 * 86_400_000, resolution: 3600, refreshMs: 60_000 },
} as const;
export type RangeKey = keyof typeof RANGES;
export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];
export const isRangeKey = (value: unknown): value is RangeKey => typeof value === 'string' && value in RANGES;

/** Column-oriented points (what uPlot draws). t is epoch seconds of each bucket's start; null is a gap. */
export interface LatencyPoints {
  t: number[];
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
  max: (number | null)[];
  /** Calls per second. */
  rate: number[];
  /** Failed share of calls, 0..1 (requests: 5xx, timeouts; factory calls: anything but success); null without calls. */
  errorRate: (number | null)[];
  /** Calls that ran out of their time budget, per bucket. */
  timeouts: number[];
}

export interface InFlightPoints {
  t: number[];
  /** Oldest factory call in flight, max over the bucket and instances (ms). */
  factoryMs: (number | null)[];
  /** Oldest request (API, page, action) in flight (ms). */
  requestsMs: (number | null)[];
}

export interface SeriesSummary {
  /** kind|method|series: the id the page asks for. */
  id: string;
  kind: string;
  series: string;
  method: string;
  count: number;
  rate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  errorRate: number | null;
  timeouts: number;
}

export interface ConfigMarker {
  at: number;
  version: number;
  type: string;
  kind: string;
  author: string;
  reason: string;
  changes: string;
}

export interface InstanceStatus {
  id: string;
  host: string;
  stale: boolean;
  seenAt: string;
  breaker: { state: string; since: string };
  factoryInFlight: number;
  factoryOldestAgeMs: number | null;
  probe: { at: string; durationMs: number | null; status: string | null } | null;
}

export type HealthState = 'healthy' | 'degraded' | 'down' | 'unknown';

export interface FactoryStatus {
  state: HealthState;
  /** Why, in words. */
  reasons: string[];
  /** Over the last minute, all instances. */
  lastMinute: { count: number; p99: number | null; max: number | null; errorRate: number | null; timeouts: number };
  inFlight: { count: number; oldestAgeMs: number | null };
  instances: InstanceStatus[];
  pendingOrders: number;
  sloMs: number;
  timeoutMs: number;
  probeIntervalMs: number;
}

export interface LatencyView {
  range: RangeKey;
  resolution: number;
  from: number;
  to: number;
  generatedAt: number;
  status: FactoryStatus;
  factory: LatencyPoints;
  inFlight: InFlightPoints;
  routes: SeriesSummary[];
  /** The selected route's points, when one is asked for. */
  route: { id: string; points: LatencyPoints } | null;
  markers: ConfigMarker[];
}
