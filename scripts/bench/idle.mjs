// Telemetry's per-second cost: the CPU an app server with no traffic uses with telemetry on and off.
import { treeCpuMs } from './processes.mjs';
import { median } from './stats.mjs';

/**
 * The background jobs (flush, heartbeat, alert evaluation, probe, notification delivery) cost
 * CPU per second, not per request. With no traffic, the server's CPU per second is measured in
 * each state in alternating windows (on off, off on, …); `setTelemetry(on)` switches and settles.
 */
export async function measureIdle(server, { pairs, windowS, setTelemetry }) {
  const msPerS = { on: [], off: [] };
  for (let i = 0; i < pairs; i++) {
    for (const on of i % 2 ? [false, true] : [true, false]) {
      await setTelemetry(on);
      const before = treeCpuMs(server.pid);
      await new Promise((resolve) => setTimeout(resolve, windowS * 1000));
      msPerS[on ? 'on' : 'off'].push((treeCpuMs(server.pid) - before) / windowS);
    }
  }
  const onMsPerS = median(msPerS.on);
  const offMsPerS = median(msPerS.off);
  return { pairs, windowS, onMsPerS, offMsPerS, jobsMsPerS: onMsPerS - offMsPerS, msPerS };
}
