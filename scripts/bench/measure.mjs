// One autocannon run against one server, with the server's memory and CPU (and the machine's) sampled.
import os from 'node:os';
import autocannon from 'autocannon';
import { machineCpuMs, treeCpuMs, treeRss } from './processes.mjs';
import { median } from './stats.mjs';

const RSS_SAMPLE_MS = 250;

function options(server, request, extra) {
  return {
    url: `${server.url}${request.path}`,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body,
    timeout: 30, // seconds per request: logins at 50 connections on a busy machine take several
    ...extra,
  };
}

/** Load for `durationS` seconds before measuring, so JIT and caches are warm; any failure aborts. */
export async function warmUp(server, request, durationS) {
  const result = await autocannon(options(server, request, { connections: 10, duration: durationS }));
  const failed = result.non2xx + result.errors;
  if (failed) {
    throw new Error(`warm-up of ${request.method ?? 'GET'} ${request.path}: ${failed} of ${result.requests.total + result.errors} requests failed`);
  }
  return result.requests.total;
}

/** Waits (up to maxMs) until the server is nearly idle, e.g. done with requests still in flight. */
export async function settle(server, { windowMs = 250, idlePct = 10, maxMs = 15_000 } = {}) {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const before = treeCpuMs(server.pid);
    await new Promise((r) => setTimeout(r, windowMs));
    if ((100 * (treeCpuMs(server.pid) - before)) / windowMs < idlePct) return;
  }
}

/** Measures `request` for `durationS` seconds at `connections`, returning one result row. */
export async function measure(server, request, options) {
  const [row] = await measureTogether([{ server, request }], options);
  return row;
}

/**
 * Loads every target ({server, request}) at once, one autocannon each at `connections`, for
 * `durationS` seconds: one result row per target, all measured under the same machine load.
 */
export async function measureTogether(targets, { connections, durationS }) {
  const maxRss = targets.map(({ server }) => treeRss(server.pid));
  const cpuBefore = targets.map(({ server }) => treeCpuMs(server.pid));
  const machineBefore = machineCpuMs();
  const benchBefore = process.cpuUsage();
  const sampler = setInterval(() => {
    targets.forEach(({ server }, i) => {
      maxRss[i] = Math.max(maxRss[i], treeRss(server.pid));
    });
  }, RSS_SAMPLE_MS);
  let results;
  try {
    results = await Promise.all(targets.map(({ server, request }) => autocannon(options(server, request, { connections, duration: durationS }))));
  } finally {
    clearInterval(sampler);
  }
  const cpuMs = targets.map(({ server }, i) => treeCpuMs(server.pid) - cpuBefore[i]);
  const machine = machineCpuMs();
  const bench = process.cpuUsage(benchBefore);
  const benchMs = (bench.user + bench.system) / 1000;
  const serversMs = cpuMs.reduce((a, b) => a + b, 0);
  // CPU used by neither the servers nor this process (autocannon): other work on the machine.
  const otherCpuPct = (100 * Math.max(0, machine.busy - machineBefore.busy - serversMs - benchMs)) / (machine.total - machineBefore.total);
  return results.map((result, i) => {
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
    const wallMs = result.duration * 1000 * os.cpus().length;
    return {
      connections,
      // Not requests.mean, the mean of whole-second samples: a slice of a few seconds has only a handful.
      reqPerSec: result.requests.total / result.duration,
      requests: result.requests.total,
      // autocannon records latency in whole milliseconds.
      latencyP50Ms: result.requests.total ? result.latency.p50 : null,
      latencyP99Ms: result.requests.total ? result.latency.p99 : null,
      ok2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes,
      maxRssMB: Math.round(maxRss[i] / 1048576),
      // Server CPU per completed request: steadier than req/s on a shared, noisy machine.
      serverCpuMsPerReq: result.requests.total ? cpuMs[i] / result.requests.total : null,
      serverCpuPct: (100 * cpuMs[i]) / wallMs,
      loadGenCpuPct: (100 * benchMs) / wallMs,
      otherCpuPct,
      durationS: result.duration,
    };
  });
}

/** Slice rows of one target summed into one row: requests, CPU and time added, latencies the median of the slices'. */
export function combineSlices(rows) {
  const sum = (key) => rows.reduce((total, r) => total + r[key], 0);
  const seconds = sum('durationS');
  const requests = sum('requests');
  const cpuMs = rows.reduce((total, r) => total + (r.serverCpuMsPerReq ?? 0) * r.requests, 0);
  const weighted = (key) => rows.reduce((total, r) => total + r[key] * r.durationS, 0) / seconds;
  const statusCodes = {};
  for (const r of rows) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return {
    connections: rows[0].connections,
    reqPerSec: requests / seconds,
    requests,
    latencyP50Ms: median(rows.map((r) => r.latencyP50Ms)),
    latencyP99Ms: median(rows.map((r) => r.latencyP99Ms)),
    ok2xx: sum('ok2xx'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    statusCodes,
    maxRssMB: Math.max(...rows.map((r) => r.maxRssMB)),
    serverCpuMsPerReq: requests ? cpuMs / requests : null,
    serverCpuPct: weighted('serverCpuPct'),
    loadGenCpuPct: weighted('loadGenCpuPct'),
    otherCpuPct: weighted('otherCpuPct'),
    durationS: seconds,
    slices: rows.length,
  };
}

/**
 * Two servers of one build, loaded at once (measureTogether) for `pairs` pairs of slices of
 * `sliceS`, with `assign(i)` putting them in slice i's states before it: a crossover, in which
 * server 0 is in state A in even slices and in B in odd ones, and server 1 the other way round.
 * Load from other work falls on both servers at the same moment, and the swap cancels the two
 * processes' own difference in speed. Returns the slices, each a pair of rows (server 0, 1).
 */
export async function measureCrossover(targets, { connections, pairs, sliceS, assign }) {
  const rows = [];
  for (let i = 0; i < 2 * pairs; i++) {
    await assign(i);
    rows.push(await measureTogether(targets, { connections, durationS: sliceS }));
  }
  return rows;
}

/**
 * Measures several targets ({server, request}) at once for a fair comparison on a noisy
 * machine: `durationS` each, cut into slices of `sliceS` taken in turns (A B B A A B …), so
 * that load from other work, which changes over seconds, falls on all of them alike. Each
 * target's row sums its slices (requests, CPU, time); latencies are the median of its slices'.
 * A target's `before` runs ahead of each of its slices (e.g. switching the server's telemetry).
 */
export async function measureInterleaved(targets, { connections, durationS, sliceS }) {
  const slices = Math.max(1, Math.round(durationS / sliceS));
  const perTarget = targets.map(() => []);
  for (let i = 0; i < slices; i++) {
    const order = i % 2 === 0 ? targets.map((_, t) => t) : targets.map((_, t) => targets.length - 1 - t);
    for (const t of order) {
      await targets[t].before?.();
      perTarget[t].push(await measure(targets[t].server, targets[t].request, { connections, durationS: sliceS }));
    }
  }
  return perTarget.map((rows) => ({
    ...combineSlices(rows),
    // Slice by slice, for paired comparisons (slice i of every target was measured back to back).
    sliceRates: rows.map((r) => ({ reqPerSec: r.reqPerSec, serverCpuMsPerReq: r.serverCpuMsPerReq })),
  }));
}
