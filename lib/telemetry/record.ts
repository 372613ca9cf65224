import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { aggregate, newAggregator, type Aggregator } from './aggregate';
import { beginInFlight, endInFlight } from './inflight';
import { isFailure, type CallLabels, type InFlightSeries, type StatusClass } from './labels';

/**
 * The one recording path. Every REST request, page request, server action and factory call
 * (the probe's too) ends in `recordCall`: an in-memory sketch update, the exporters' sinks
 * and one log line. Nothing here touches the database; the flusher does, in the background.
 */

export interface CallOutcome {
  status: StatusClass;
  /** The HTTP status, when there was an answer. */
  httpStatus?: number;
  /** The call, or a factory call made while serving it, ran out of its time budget. */
  timedOut?: boolean;
  /** A short machine-readable reason for the log (e.g. bad_pizza). */
  detail?: string;
  /** The request it served, for the log line (else the current request's). */
  requestId?: string;
}

export interface FinishedCall extends CallLabels, CallOutcome {
  timedOut: boolean;
  startedAt: number;
  durationMs: number;
}

export type Sink = (call: FinishedCall) => void;

interface Runtime {
  enabled: boolean;
  aggregator: Aggregator;
  sinks: Map<string, Sink>;
}

const globalForTelemetry = globalThis as unknown as { __jwtPizzaTelemetry?: Runtime };

export function telemetryRuntime(): Runtime {
  globalForTelemetry.__jwtPizzaTelemetry ??= {
    enabled: env().telemetry.enabled,
    aggregator: newAggregator(),
    sinks: new Map([['log', logCall]]),
  };
  return globalForTelemetry.__jwtPizzaTelemetry;
}

export const telemetryEnabled = (): boolean => telemetryRuntime().enabled;

/** Adds (or replaces) an exporter that sees every finished call. */
export function addSink(name: string, sink: Sink): void {
  telemetryRuntime().sinks.set(name, sink);
}

/** Records one finished call. */
export function recordCall(call: FinishedCall): void {
  const runtime = telemetryRuntime();
  if (!runtime.enabled) return;
  const labels = { kind: call.kind, series: call.series, method: call.method, status: call.status, origin: call.origin };
  aggregate(runtime.aggregator, labels, call.startedAt + call.durationMs, call.durationMs, call.timedOut);
  for (const [name, sink] of runtime.sinks) {
    try {
      sink(call);
    } catch (error) {
      runtime.sinks.delete(name);
      log.error('telemetry sink failed and was removed', { sink: name, err: error });
    }
  }
}

export interface CallTracker {
  /**
   * Ends the call: it leaves the in-flight registry and is recorded, under `series` when given
   * (a route template known only at the end). Only the first end or discard counts.
   */
  end(outcome: CallOutcome, series?: string): void;
  /** Ends the call without recording it (nothing worth a series). */
  discard(): void;
}

const untracked: CallTracker = { end: () => undefined, discard: () => undefined };

/** Starts a call: it is in flight, with its age, until `end`. */
export function trackCall(labels: CallLabels): CallTracker {
  if (!telemetryEnabled()) return untracked;
  const startedAt = Date.now();
  const started = performance.now();
  const id = beginInFlight({ ...labels, startedAt });
  let ended = false;
  return {
    end(outcome, series = labels.series) {
      if (ended) return;
      ended = true;
      endInFlight(id);
      const timedOut = outcome.timedOut ?? outcome.status === 'timeout';
      recordCall({ ...labels, series, ...outcome, timedOut, startedAt, durationMs: performance.now() - started });
    },
    discard() {
      if (ended) return;
      ended = true;
      endInFlight(id);
    },
  };
}

/** Records a sample of the oldest in-flight call's age (0 when nothing is in flight). */
export function recordInFlightAge(series: InFlightSeries, ageMs: number, at = Date.now()): void {
  const runtime = telemetryRuntime();
  if (!runtime.enabled) return;
  aggregate(runtime.aggregator, { kind: 'inflight', series, method: '-', status: '-', origin: 'live' }, at, ageMs, false);
}

/** One line per call. Every value is a label, a number or our own reason code: nothing to redact (log.line). */
function logCall(call: FinishedCall): void {
  const level = isFailure(call.kind, call.status) || call.timedOut ? 'warn' : 'info';
  const fields: Record<string, string | number | boolean> =
    call.kind === 'factory' ? { target: call.series, origin: call.origin } : { route: call.series };
  fields.kind = call.kind;
  fields.method = call.method;
  fields.status = call.httpStatus ?? call.status;
  fields.durationMs = Math.round(call.durationMs * 10) / 10;
  if (call.timedOut) fields.timedOut = true;
  if (call.detail) fields.detail = call.detail;
  log.line(level, call.kind === 'factory' ? 'factory call' : 'request', fields, call.requestId);
}
