import { env } from '@/lib/env';
import { jsonString, log } from '@/lib/log';
import { aggregate, newAggregator, type Aggregator } from './aggregate';
import { epochMs } from './clock';
import { beginInFlight, endInFlight, type InFlightCall } from './inflight';
import { isFailure, type CallKind, type CallLabels, type CallOrigin, type InFlightSeries, type StatusClass } from './labels';

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
  /** In the order added; an array, not a Map, so the per-call loop allocates nothing. */
  sinks: { name: string; sink: Sink }[];
}

const globalForTelemetry = globalThis as unknown as { __jwtPizzaTelemetry?: Runtime };

export function telemetryRuntime(): Runtime {
  globalForTelemetry.__jwtPizzaTelemetry ??= {
    enabled: env().telemetry.enabled,
    aggregator: newAggregator(),
    sinks: [{ name: 'log', sink: logCall }],
  };
  return globalForTelemetry.__jwtPizzaTelemetry;
}

export const telemetryEnabled = (): boolean => telemetryRuntime().enabled;

/** Adds (or replaces) an exporter that sees every finished call. */
export function addSink(name: string, sink: Sink): void {
  const { sinks } = telemetryRuntime();
  const existing = sinks.find((s) => s.name === name);
  if (existing) existing.sink = sink;
  else sinks.push({ name, sink });
}

/** Records one finished call. */
export function recordCall(call: FinishedCall): void {
  const runtime = telemetryRuntime();
  if (!runtime.enabled) return;
  aggregate(runtime.aggregator, call, call.startedAt + call.durationMs, call.durationMs, call.timedOut);
  const { sinks } = runtime;
  for (let i = 0; i < sinks.length; i++) {
    const { name, sink } = sinks[i]!;
    try {
      sink(call);
    } catch (error) {
      sinks.splice(i--, 1);
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

/**
 * A call in flight: its own entry in the in-flight registry, and its tracker. One object per
 * call, with no closures and no copies of its labels: this runs for every request.
 */
class TrackedCall implements CallTracker, InFlightCall {
  private readonly started = performance.now();
  readonly startedAt = epochMs(this.started);
  private ended = false;

  constructor(
    readonly kind: CallKind,
    readonly series: string,
    readonly method: string,
    readonly origin: CallOrigin,
  ) {
    beginInFlight(this);
  }

  end(outcome: CallOutcome, series = this.series): void {
    if (this.ended) return;
    this.ended = true;
    endInFlight(this);
    recordCall({
      kind: this.kind,
      series,
      method: this.method,
      origin: this.origin,
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      timedOut: outcome.timedOut ?? outcome.status === 'timeout',
      detail: outcome.detail,
      requestId: outcome.requestId,
      startedAt: this.startedAt,
      durationMs: performance.now() - this.started,
    });
  }

  discard(): void {
    if (this.ended) return;
    this.ended = true;
    endInFlight(this);
  }
}

/** Starts a call: it is in flight, with its age, until `end`. */
export function trackCall(labels: CallLabels): CallTracker {
  if (!telemetryEnabled()) return untracked;
  return new TrackedCall(labels.kind, labels.series, labels.method, labels.origin);
}

/** Records a sample of the oldest in-flight call's age (0 when nothing is in flight). */
export function recordInFlightAge(series: InFlightSeries, ageMs: number, at = Date.now()): void {
  const runtime = telemetryRuntime();
  if (!runtime.enabled) return;
  aggregate(runtime.aggregator, { kind: 'inflight', series, method: '-', status: '-', origin: 'live' }, at, ageMs, false);
}

/** One line per call, written straight as JSON text: kind, origin and status are closed sets of plain words. */
function logCall(call: FinishedCall): void {
  const level = isFailure(call.kind, call.status) || call.timedOut ? 'warn' : 'info';
  let fields = call.kind === 'factory' ? `,"target":${jsonString(call.series)},"origin":"${call.origin}"` : `,"route":${jsonString(call.series)}`;
  fields += `,"kind":"${call.kind}","method":${jsonString(call.method)},"status":${call.httpStatus ?? `"${call.status}"`},"durationMs":${Math.round(call.durationMs * 10) / 10}`;
  if (call.timedOut) fields += ',"timedOut":true';
  if (call.detail) fields += `,"detail":${jsonString(call.detail)}`;
  log.json(level, call.kind === 'factory' ? 'factory call' : 'request', fields, call.requestId);
}
