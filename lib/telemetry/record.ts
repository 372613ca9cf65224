import { env } from '@/lib/env';
import { flushLogs, jsonString, log } from '@/lib/log';
import { aggregate, labelKeyOf, newAggregator, type Aggregator } from './aggregate';
import { epochMs } from './clock';
import { beginInFlight, endInFlight, type InFlightCall } from './inflight';
import { currentRequest } from './request-context';
import { isFailure, type CallKind, type CallLabels, type CallOrigin, type InFlightSeries, type StatusClass } from './labels';

/**
 * The one recording path. Every REST request, page request, server action and factory call
 * (the probe's too) ends in `recordCall`, which only queues the finished call. Every DRAIN_MS
 * the queue is drained: an in-memory sketch update, the exporters' sinks and one log line per
 * call. Nothing here touches the database; the flusher does, in the background.
 *
 * Why queue: run once per request, in between the request's own code, the aggregation, exporters
 * and log line cost 8.2 µs of CPU per cached menu request; run back to back in batches, 3.6 µs
 * (CPU profiles of one server under load). Readers drain first (drainRecorded): the flush, the
 * Prometheus scrape and the OTLP push's shutdown; so does the process's exit.
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

/** `labelKey` is the call's label set as one string (labelKeyOf), for sinks that keep series by label set. */
export type Sink = (call: FinishedCall, labelKey: string) => void;

interface Runtime {
  enabled: boolean;
  aggregator: Aggregator;
  /** In the order added; an array, not a Map, so the per-call loop allocates nothing. */
  sinks: { name: string; sink: Sink }[];
  /** Finished calls waiting for the next drain. */
  queued: FinishedCall[];
  drainTimer?: NodeJS.Timeout;
}

/** How long a finished call may wait to be aggregated, exported and logged. */
const DRAIN_MS = 25;

const globalForTelemetry = globalThis as unknown as { __jwtPizzaTelemetry?: Runtime };

export function telemetryRuntime(): Runtime {
  if (!globalForTelemetry.__jwtPizzaTelemetry) {
    globalForTelemetry.__jwtPizzaTelemetry = {
      enabled: env().telemetry.enabled,
      aggregator: newAggregator(),
      sinks: [{ name: 'log', sink: logCall }],
      queued: [],
    };
    // The last calls' log lines, written after the log's own exit flush may have run.
    process.once('exit', () => {
      drainRecorded();
      flushLogs();
    });
  }
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

/** Records one finished call: it is queued, and aggregated, exported and logged at the next drain. */
export function recordCall(call: FinishedCall): void {
  const runtime = telemetryRuntime();
  if (!runtime.enabled) return;
  runtime.queued.push(call);
  runtime.drainTimer ??= setTimeout(drainRecorded, DRAIN_MS).unref();
}

/** Aggregates, exports and logs every queued call now. */
export function drainRecorded(): void {
  const runtime = telemetryRuntime();
  clearTimeout(runtime.drainTimer);
  runtime.drainTimer = undefined;
  const calls = runtime.queued;
  if (calls.length === 0) return;
  runtime.queued = [];
  const { aggregator, sinks } = runtime;
  for (const call of calls) {
    const labelKey = labelKeyOf(call);
    aggregate(aggregator, call, call.startedAt + call.durationMs, call.durationMs, call.timedOut, labelKey);
    for (let i = 0; i < sinks.length; i++) {
      const { name, sink } = sinks[i]!;
      try {
        sink(call, labelKey);
      } catch (error) {
        sinks.splice(i--, 1);
        log.error('telemetry sink failed and was removed', { sink: name, err: error });
      }
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
 * A call in flight: its own entry in the in-flight registry, its tracker, and at the end the
 * finished call that is recorded. One object per call, with no closures and no copies of its
 * labels: this runs for every request.
 */
class TrackedCall implements CallTracker, InFlightCall, FinishedCall {
  private readonly started = performance.now();
  readonly startedAt = epochMs(this.started);
  private ended = false;
  // The outcome, filled in by `end`.
  status: StatusClass = 'error';
  httpStatus: number | undefined = undefined;
  timedOut = false;
  detail: string | undefined = undefined;
  requestId: string | undefined = undefined;
  durationMs = 0;

  constructor(
    readonly kind: CallKind,
    public series: string,
    readonly method: string,
    readonly origin: CallOrigin,
  ) {
    beginInFlight(this);
  }

  end(outcome: CallOutcome, series = this.series): void {
    if (this.ended) return;
    this.ended = true;
    endInFlight(this);
    this.durationMs = performance.now() - this.started;
    this.series = series;
    this.status = outcome.status;
    this.httpStatus = outcome.httpStatus;
    this.timedOut = outcome.timedOut ?? outcome.status === 'timeout';
    this.detail = outcome.detail;
    // Taken now: the log line is written at the next drain, outside the request.
    this.requestId = outcome.requestId ?? currentRequest()?.requestId;
    recordCall(this);
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
  log.json(level, call.kind === 'factory' ? 'factory call' : 'request', fields, call.requestId, call.startedAt + call.durationMs);
}
