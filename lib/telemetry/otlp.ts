import 'server-only';
import type { TelemetryConfig } from '@/lib/env';
import { breakerState } from '@/lib/factory-client/breaker';
import { log } from '@/lib/log';
import { FACTORY_KINDS, inFlightSummary, REQUEST_KINDS } from './inflight';
import { thisInstance } from './instance';
import { DURATION_BUCKETS_S } from './prometheus';
import { addSink, drainRecorded } from './record';

/**
 * Optional OTLP/HTTP metric push with the official OpenTelemetry SDK, for when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set. Off by default, and the SDK is loaded only then.
 * Metric names mirror the Prometheus ones (an OTel collector's Prometheus exporter turns
 * jwt_pizza.factory.call.duration with unit s into jwt_pizza_factory_call_duration_seconds).
 */

const globalForOtlp = globalThis as unknown as { __jwtPizzaOtlp?: { shutdown(): Promise<void> } };

export async function startOtlpPush(config: NonNullable<TelemetryConfig['otlp']>): Promise<void> {
  if (globalForOtlp.__jwtPizzaOtlp) return;
  try {
    const [{ MeterProvider, PeriodicExportingMetricReader }, { OTLPMetricExporter }, { resourceFromAttributes }] = await Promise.all([
      import('@opentelemetry/sdk-metrics'),
      import('@opentelemetry/exporter-metrics-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': config.serviceName, 'service.instance.id': thisInstance().id }),
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter({ url: `${config.endpoint}/v1/metrics`, headers: config.headers }),
          exportIntervalMillis: config.intervalMs,
        }),
      ],
    });
    globalForOtlp.__jwtPizzaOtlp = provider;
    const meter = provider.getMeter('jwt-pizza');
    const advice = { explicitBucketBoundaries: DURATION_BUCKETS_S };
    const requestDuration = meter.createHistogram('jwt_pizza.http.request.duration', { unit: 's', advice, description: 'Time to serve a request (api, page, action).' });
    const factoryDuration = meter.createHistogram('jwt_pizza.factory.call.duration', { unit: 's', advice, description: 'Duration of calls to the pizza factory.' });
    const factoryTimeouts = meter.createCounter('jwt_pizza.factory.call.timeouts', { description: 'Factory calls that ran out of their time budget.' });
    const oldestAge = (kinds: typeof FACTORY_KINDS) => {
      const { oldestStartedAt } = inFlightSummary(kinds);
      return oldestStartedAt === null ? 0 : (Date.now() - oldestStartedAt) / 1000;
    };
    meter.createObservableGauge('jwt_pizza.factory.calls_in_flight').addCallback((r) => r.observe(inFlightSummary(FACTORY_KINDS).count));
    meter.createObservableGauge('jwt_pizza.factory.oldest_in_flight', { unit: 's' }).addCallback((r) => r.observe(oldestAge(FACTORY_KINDS)));
    meter.createObservableGauge('jwt_pizza.http.oldest_in_flight', { unit: 's' }).addCallback((r) => r.observe(oldestAge(REQUEST_KINDS)));
    meter.createObservableGauge('jwt_pizza.factory.breaker_open').addCallback((r) => r.observe(breakerState().state === 'open' ? 1 : 0));
    addSink('otlp', (call) => {
      const seconds = call.durationMs / 1000;
      if (call.kind === 'factory') {
        factoryDuration.record(seconds, { target: call.series, method: call.method, status: call.status, origin: call.origin });
        if (call.timedOut) factoryTimeouts.add(1, { target: call.series, origin: call.origin });
      } else {
        requestDuration.record(seconds, { kind: call.kind, route: call.series, method: call.method, status: call.status });
      }
    });
    log.info('OTLP metric push started', { endpoint: config.endpoint, intervalMs: config.intervalMs });
  } catch (error) {
    log.error('OTLP metric push could not start', { err: error });
  }
}

/** Flushes and stops the push (tests, shutdown). */
export async function stopOtlpPush(): Promise<void> {
  drainRecorded();
  await globalForOtlp.__jwtPizzaOtlp?.shutdown();
  globalForOtlp.__jwtPizzaOtlp = undefined;
}
