import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/env';

const dataDir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-telemetry-env-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const parse = (source: Record<string, string>) => parseEnv({ DATA_DIR: dataDir, ...source }).telemetry;

describe('telemetry configuration', () => {
  it('defaults: on, probe every 15 s, 48 h / 30 d / 1 y retention, no token, no OTLP', () => {
    expect(parse({})).toEqual({
      enabled: true,
      pages: true,
      benchToggle: false,
      flushMs: 5_000,
      heartbeatMs: 1_000,
      retentionMs: { 10: 48 * 3_600_000, 60: 30 * 86_400_000, 3600: 365 * 86_400_000 },
      probeIntervalMs: 15_000,
      factoryLatencySloMs: 1_000,
      alertEvalIntervalMs: 2_000,
      metricsToken: undefined,
      otlp: undefined,
    });
  });

  it('reads the alert evaluation interval', () => {
    expect(parse({ ALERT_EVAL_INTERVAL_MS: '5000' }).alertEvalIntervalMs).toBe(5_000);
  });

  it('turns off with TELEMETRY=off, page recording with TELEMETRY_PAGES=off and the probe with PROBE_INTERVAL_MS=0', () => {
    expect(parse({ TELEMETRY: 'off', PROBE_INTERVAL_MS: '0' })).toMatchObject({ enabled: false, probeIntervalMs: 0 });
    expect(parse({ TELEMETRY_PAGES: 'off' })).toMatchObject({ enabled: true, pages: false });
  });

  it.each([
    ['PROBE_INTERVAL_MS', { PROBE_INTERVAL_MS: '500' }],
    ['TELEMETRY', { TELEMETRY: 'sometimes' }],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'short' }],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', { OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }],
    ['OTEL_EXPORTER_OTLP_HEADERS', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_HEADERS: 'novalue' }],
    ['OTEL_EXPORTER_OTLP_HEADERS', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_HEADERS: 'k=%zz' }],
    ['TELEMETRY_RETAIN_10S_HOURS', { TELEMETRY_RETAIN_10S_HOURS: '0' }],
    ['ALERT_EVAL_INTERVAL_MS', { ALERT_EVAL_INTERVAL_MS: '100' }],
  ])('refuses a bad %s', (name, source) => {
    expect(() => parse(source)).toThrow(ConfigError);
    expect(() => parse(source)).toThrow(name);
  });

  it('reads the OTLP endpoint and headers as the OpenTelemetry spec writes them', () => {
    expect(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com/', OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-team=pizza' }).otlp).toEqual({
      endpoint: 'https://otlp.example.com',
      headers: { authorization: 'Bearer abc', 'x-team': 'pizza' },
      intervalMs: 60_000,
      serviceName: 'jwt-pizza',
    });
  });
});
