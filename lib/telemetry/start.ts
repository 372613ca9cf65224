import 'server-only';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { startAlerts } from './alerts/engine';
import { flushTelemetry } from './flush';
import { beat } from './heartbeat';
import { thisInstance } from './instance';
import { startOtlpPush } from './otlp';
import { startRequestObservation } from './page-recording';
import { startProbe } from './probe';
import { prometheusMetrics } from './prometheus';
import { telemetryRuntime } from './record';
import { disableRequestContext } from './request-context';
import { enforceRetention } from './retention';
import { startNotifications } from './notify';
import { every, stopAllJobs } from './schedule';

const RETENTION_EVERY_MS = 5 * 60_000;

/**
 * For `npm run bench` only (TELEMETRY_BENCH_TOGGLE=on): SIGUSR2 switches recording off, and on
 * again, so telemetry's cost is measured within one process; two processes of the same build
 * differ by several per cent in speed, more than the cost itself. The background jobs keep
 * their schedule and skip their runs while it is off (schedule.ts).
 */
function listenForBenchToggle(): void {
  process.on('SIGUSR2', () => {
    const runtime = telemetryRuntime();
    runtime.enabled = !runtime.enabled;
    if (!runtime.enabled) disableRequestContext();
    // monotonicUs is the clock of V8's CPU profiles: scripts/bench/profile-split.mjs splits a profile at the switches.
    log.info('telemetry switched by the bench', { enabled: runtime.enabled, monotonicUs: Number(process.hrtime.bigint() / 1000n) });
  });
}

/**
 * Starts this process's telemetry: exporters, the background flush, the heartbeat, retention
 * cleanup (under a lease), the probe, the alert engine with incidents (under a lease) and the
 * webhook notification delivery. Called once by lib/startup.ts after migrations.
 */
export function startTelemetry(): void {
  const config = env().telemetry;
  if (!config.enabled) {
    log.info('telemetry off (TELEMETRY=off)');
    return;
  }
  prometheusMetrics();
  startRequestObservation(config.pages);
  if (config.otlp) void startOtlpPush(config.otlp);
  every('telemetry-flush', config.flushMs, () => flushTelemetry());
  every('telemetry-heartbeat', config.heartbeatMs, () => beat());
  every('telemetry-retention', RETENTION_EVERY_MS, () => enforceRetention(config.retentionMs, thisInstance().id, RETENTION_EVERY_MS * 2));
  startProbe(config.probeIntervalMs);
  startAlerts(config.alertEvalIntervalMs);
  startNotifications();
  if (config.benchToggle) listenForBenchToggle();
  // On shutdown, stop calling: the probe's keep-alive connection to the embedded factory would
  // otherwise keep Next's graceful close waiting forever. The last few seconds are flushed.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopAllJobs();
      flushTelemetry().catch(() => undefined);
    });
  }
  log.info('telemetry started', {
    instance: thisInstance().id,
    flushMs: config.flushMs,
    heartbeatMs: config.heartbeatMs,
    probeIntervalMs: config.probeIntervalMs,
    alertEvalIntervalMs: config.alertEvalIntervalMs,
    pages: config.pages,
    otlp: config.otlp ? config.otlp.endpoint : 'off',
  });
}
