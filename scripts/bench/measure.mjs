// One autocannon run against one server, with the server's memory sampled meanwhile.
import os from 'node:os';
import autocannon from 'autocannon';
import { machineCpuMs, treeCpuMs, treeRss } from './processes.mjs';

const RSS_SAMPLE_MS = 250;

function options(server, request, extra) {
  return {
    url: `${server.url}${request.path}`,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body,
    timeout: 10, // seconds per request
    ...extra,
  };
}

/** A fixed number of requests before measuring, so JIT and caches are warm. */
export async function warmUp(server, request, amount) {
  const result = await autocannon(options(server, request, { connections: 10, amount }));
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed) throw new Error(`warm-up of ${request.method ?? 'GET'} ${request.path}: ${failed} of ${amount} requests failed`);
}

/** Measures `request` for `durationS` seconds at `connections`, returning one result row. */
export async function measure(server, request, { connections, durationS }) {
  let maxRss = treeRss(server.pid);
  const cpuBefore = treeCpuMs(server.pid);
  const machineBefore = machineCpuMs();
  const benchBefore = process.cpuUsage();
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, treeRss(server.pid));
  }, RSS_SAMPLE_MS);
  let result;
  try {
    result = await autocannon(options(server, request, { connections, duration: durationS }));
  } finally {
    clearInterval(sampler);
  }
  const cpuMs = treeCpuMs(server.pid) - cpuBefore;
  const machine = machineCpuMs();
  const bench = process.cpuUsage(benchBefore);
  const benchMs = (bench.user + bench.system) / 1000;
  // CPU used by neither the server nor this process (autocannon): other work on the machine.
  const otherCpuPct = (100 * Math.max(0, machine.busy - machineBefore.busy - cpuMs - benchMs)) / (machine.total - machineBefore.total);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  return {
    connections,
    reqPerSec: result.requests.mean,
    requests: result.requests.total,
    // autocannon records latency in whole milliseconds.
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    maxRssMB: Math.round(maxRss / 1048576),
    // Server CPU per completed request: steadier than req/s on a shared, noisy machine.
    serverCpuMsPerReq: result.requests.total ? cpuMs / result.requests.total : null,
    serverCpuPct: (100 * cpuMs) / (result.duration * 1000 * os.cpus().length),
    loadGenCpuPct: (100 * benchMs) / (result.duration * 1000 * os.cpus().length),
    otherCpuPct,
    durationS: result.duration,
  };
}
