import { observed } from '@/lib/telemetry/http';
import { serveMetrics } from '@/lib/telemetry/metrics-endpoint';

/** Prometheus scrape endpoint (METRICS_TOKEN, when set, as a bearer token). */
export const GET = observed('/api/metrics', serveMetrics);
export const dynamic = 'force-dynamic';
