import { readFileSync } from 'node:fs';
import path from 'node:path';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { useMigratedTestEnv } from './support/env';

/** GET /api/metrics: valid Prometheus exposition, histograms far above the budget, the optional token. */

const TOKEN = 'metrics-token-for-tests-0123';
useMigratedTestEnv({ METRICS_TOKEN: TOKEN });

/**
 * The parser keeps one histogram per family and loses other labels, so each labelled
 * histogram is handed to it on its own, with its labels taken off.
 */
function histogram(text: string, family: string, labels: string): ParsedFamily['metrics'][number] {
  const lines = text.split('\n').filter((line) => line.startsWith(`# TYPE ${family} `) || (line.startsWith(family) && line.includes(labels)));
  const unlabelled = lines.map((line) => line.replace(labels, '').replace('{,', '{').replace(',}', '}').replace('{}', ''));
  const [parsed] = parsePrometheusTextFormat(`${unlabelled.join('\n')}\n`);
  expect(parsed?.type).toBe('HISTOGRAM');
  return parsed!.metrics[0]!;
}

async function scrape(authorization?: string): Promise<Response> {
  const { GET } = await import('@/app/api/metrics/route');
  return GET(new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} }), undefined);
}

describe('GET /api/metrics', () => {
  it('refuses a scrape without the bearer token, or with a wrong one', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
    expect((await scrape()).headers.get('www-authenticate')).toContain('Bearer');
  });

  it('serves valid Prometheus text: counters, histograms up to 120 s, in-flight, breaker and pending-order gauges', async () => {
    const { recordCall } = await import('@/lib/telemetry/record');
    const { prometheusMetrics } = await import('@/lib/telemetry/prometheus');
    prometheusMetrics(); // startTelemetry() does this at start-up, before any call
    const now = Date.now();
    const call = { startedAt: now, timedOut: false, origin: 'live' as const };
    recordCall({ ...call, kind: 'factory', series: '/api/order', method: 'POST', status: '2xx', httpStatus: 200, durationMs: 180 });
    recordCall({ ...call, kind: 'factory', series: '/api/order', method: 'POST', status: '2xx', httpStatus: 200, durationMs: 32_000 });
    recordCall({ ...call, kind: 'factory', series: '/api/order', method: 'POST', status: 'timeout', timedOut: true, durationMs: 2_001 });
    recordCall({ ...call, kind: 'factory', series: '/api/order', method: 'POST', status: '2xx', httpStatus: 200, durationMs: 95, origin: 'probe' });
    recordCall({ ...call, kind: 'api', series: '/api/order', method: 'POST', status: '2xx', httpStatus: 202, durationMs: 2_050, timedOut: true });
    recordCall({ ...call, kind: 'page', series: '/admin/latency', method: 'GET', status: '2xx', httpStatus: 200, durationMs: 40 });

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();

    // Strict line grammar, on top of the parser: comments, or name{labels} value (NaN and Inf in any case, as Prometheus reads them).
    for (const line of text.split('\n').filter(Boolean)) {
      expect(line).toMatch(/^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|[Nn][Aa][Nn]|[+-][Ii]nf))$/);
    }
    const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
    const typeOf = (name: string) => families.get(name)?.type;
    expect(typeOf('jwt_pizza_factory_call_duration_seconds')).toBe('HISTOGRAM');
    expect(typeOf('jwt_pizza_http_request_duration_seconds')).toBe('HISTOGRAM');
    expect(typeOf('jwt_pizza_factory_call_timeouts_total')).toBe('COUNTER');
    expect(typeOf('jwt_pizza_http_request_timeouts_total')).toBe('COUNTER');
    for (const gauge of ['jwt_pizza_factory_calls_in_flight', 'jwt_pizza_factory_oldest_in_flight_seconds', 'jwt_pizza_http_requests_in_flight', 'jwt_pizza_factory_breaker_state', 'jwt_pizza_orders_pending', 'jwt_pizza_factory_smoke_test_failed']) {
      expect(typeOf(gauge)).toBe('GAUGE');
    }
    expect(typeOf('jwt_pizza_process_cpu_seconds_total')).toBe('COUNTER');

    const live = histogram(text, 'jwt_pizza_factory_call_duration_seconds', 'target="/api/order",method="POST",status="2xx",origin="live"');
    expect(live.count).toBe('2');
    expect(Number(live.sum)).toBeCloseTo(32.18, 6);
    const bounds = Object.keys(live.buckets ?? {}).filter((le) => le !== '+Inf').map(Number);
    expect(Math.max(...bounds)).toBeGreaterThanOrEqual(60);
    // The 32 s call sits between 30 s and 45 s, not in a capped top bucket.
    expect(live.buckets).toMatchObject({ '0.25': '1', '30': '1', '45': '2', '60': '2', '120': '2', '+Inf': '2' });
    const timedOut = histogram(text, 'jwt_pizza_factory_call_duration_seconds', 'target="/api/order",method="POST",status="timeout",origin="live"');
    expect(timedOut).toMatchObject({ count: '1', buckets: { '2': '0', '2.5': '1' } });
    expect(histogram(text, 'jwt_pizza_factory_call_duration_seconds', 'target="/api/order",method="POST",status="2xx",origin="probe"').count).toBe('1');

    const sample = (name: string) => families.get(name)?.metrics ?? [];
    expect(sample('jwt_pizza_factory_call_timeouts_total')).toEqual([{ labels: { target: '/api/order', origin: 'live' }, value: '1' }]);
    expect(sample('jwt_pizza_http_request_timeouts_total')).toEqual([{ labels: { kind: 'api', route: '/api/order', method: 'POST' }, value: '1' }]);
    expect(sample('jwt_pizza_factory_breaker_state')).toEqual(
      expect.arrayContaining([
        { labels: { state: 'closed' }, value: '1' },
        { labels: { state: 'open' }, value: '0' },
        { labels: { state: 'half-open' }, value: '0' },
      ]),
    );
    expect(sample('jwt_pizza_orders_pending')).toEqual([{ value: '0' }]);
    expect(sample('jwt_pizza_factory_smoke_test_failed')).toEqual([{ value: '0' }]);
    expect(sample('jwt_pizza_factory_calls_in_flight')).toEqual([{ value: '0' }]);
  });

  it('is what ops/grafana-dashboard.json and ops/prometheus-alerts.yml query: every metric they name exists', async () => {
    const { metricsExposition, prometheusMetrics } = await import('@/lib/telemetry/prometheus');
    prometheusMetrics();
    const families = new Set(parsePrometheusTextFormat((await metricsExposition()).body).map((f) => f.name));
    for (const file of ['ops/grafana-dashboard.json', 'ops/prometheus-alerts.yml']) {
      const text = readFileSync(path.join(process.cwd(), file), 'utf8');
      // Recording rules (jwt_pizza:…) are defined in the rules file itself.
      const names = new Set([...text.matchAll(/\bjwt_pizza_[a-z0-9_]+/g)].map(([name]) => name.replace(/_(bucket|count|sum)$/, '')));
      expect(names.size, file).toBeGreaterThan(5);
      for (const name of names) expect(families.has(name), `${file} uses ${name}`).toBe(true);
      for (const rule of text.matchAll(/\bjwt_pizza:[a-z0-9_:]+/g)) expect(readFileSync(path.join(process.cwd(), 'ops/prometheus-alerts.yml'), 'utf8')).toContain(`record: ${rule[0]}`);
    }
  });

  it('ops/prometheus-alerts.yml mirrors the app\'s default alert rules: each one, with its severity, pending and keep-firing periods', async () => {
    const { defaultRules, criticalThresholdMs } = await import('@/lib/telemetry/alerts/rules');
    const defaults = { sloTargetMs: 1_000, budgetMs: 2_000, probeIntervalMs: 15_000 }; // as the file's header says
    const text = readFileSync(path.join(process.cwd(), 'ops/prometheus-alerts.yml'), 'utf8');
    const ms = (duration: string) => {
      const [, n, unit] = /^(\d+)(ms|s|m|h)$/.exec(duration) ?? [];
      return Number(n) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
    };
    const alerts = text
      .split(/\n\s+- alert: /)
      .slice(1)
      .map((block) => ({
        name: block.split('\n')[0],
        block,
        rule: /\n\s+rule: ([a-z-]+)/.exec(block)?.[1],
        severity: /\n\s+severity: (\w+)/.exec(block)?.[1],
        forMs: ms(/\n\s+for: (\w+)/.exec(block)?.[1] ?? '0s'),
        keepFiringForMs: ms(/\n\s+keep_firing_for: (\w+)/.exec(block)?.[1] ?? '0s'),
      }));
    for (const rule of defaultRules(defaults)) {
      const mirrors = alerts.filter((a) => a.rule === rule.id);
      expect(mirrors.length, rule.id).toBeGreaterThan(0);
      for (const alert of mirrors) {
        expect({ alert: alert.name, severity: alert.severity, forMs: alert.forMs, keepFiringForMs: alert.keepFiringForMs }).toEqual({
          alert: alert.name,
          severity: rule.severity,
          forMs: rule.forMs,
          keepFiringForMs: rule.keepFiringForMs,
        });
      }
    }
    const critical = alerts.find((a) => a.rule === 'factory-latency-critical')!;
    expect(critical.block).toContain(`> ${criticalThresholdMs(defaults) / 1000}\n`);
    expect(alerts.filter((a) => a.rule && !defaultRules(defaults).some((r) => r.id === a.rule))).toEqual([]);
  });
});
