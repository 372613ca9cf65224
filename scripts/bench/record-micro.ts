// Micro-benchmark of the per-request recording path (no server): µs and bytes per call.
// node --conditions react-server --import tsx scripts/bench/record-micro.ts [calls]
import { performance } from 'node:perf_hooks';
import { prometheusMetrics } from '@/lib/telemetry/prometheus';
import { telemetryRuntime, trackCall } from '@/lib/telemetry/record';
import { flushLogs } from '@/lib/log';

const calls = Number(process.argv[2] ?? 1_000_000);
prometheusMetrics();
// Sinks named in MICRO_WITHOUT (comma-separated: log, prometheus) are left out.
const without = (process.env.MICRO_WITHOUT ?? '').split(',');
const runtime = telemetryRuntime();
runtime.sinks = runtime.sinks.filter((s) => !without.includes(s.name));
const labels = { kind: 'api', series: '/api/order/menu', method: 'GET', origin: 'live' } as const;
const outcome = { status: '2xx', httpStatus: 200, timedOut: false, requestId: 'f0c7a1b2-1111-2222-3333-444455556666' } as const;

function run(n: number) {
  for (let i = 0; i < n; i++) trackCall(labels).end(outcome);
}
run(50_000);
flushLogs();
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let allocated = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const chunk = 10_000;
for (let done = 0; done < calls; done += chunk) {
  const before = process.memoryUsage().heapUsed;
  run(chunk);
  const after = process.memoryUsage().heapUsed;
  if (after > before) allocated += after - before;
}
const cpu = process.cpuUsage(cpu0);
const ms = performance.now() - t0;
flushLogs();
process.stderr.write(
  `${calls} calls: ${((ms * 1000) / calls).toFixed(2)} µs/call wall, ${((cpu.user + cpu.system) / calls).toFixed(2)} µs/call CPU, ~${Math.round(allocated / calls)} B/call allocated (heap growth, GC excluded), heap ${(heapBefore / 1e6).toFixed(1)} MB\n`,
);
