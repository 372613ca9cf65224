import { describe, expect, it } from 'vitest';
import { idleLines } from '../../scripts/bench/report.mjs';

/** The background jobs' cost per second, set against the CPU a crossover server had: the part of the crossover's cost that is not per request. */
describe('bench background work', () => {
  it("states the jobs' CPU per second and their share of each crossover server's CPU", () => {
    const idle = { pairs: 3, windowS: 10, onMsPerS: 23, offMsPerS: 9, jobsMsPerS: 14 };
    const results = [
      { id: 'menu-crossover-a', connections: 10, reqPerSec: 300, serverCpuMsPerReq: 1.8 },
      { id: 'menu-crossover-b', connections: 10, reqPerSec: 350, serverCpuMsPerReq: 1.6 },
    ];
    const [summary, share, ...rest] = idleLines(idle, results);
    expect(summary).toContain('23.0 ms CPU per second with telemetry on, 9.0 ms off; the telemetry jobs cost 14.0 ms per second');
    // 350 req/s × 1.6 ms = 560 ms of CPU per second; 14 / 560 = 2.5 %.
    expect(share).toContain('at 10 connections each server had 560 ms CPU per second: the jobs are 2.5 % of it');
    expect(share).toContain('(1.4 % of a whole CPU)');
    expect(rest).toEqual([]);
  });

  it('gives the per-second figure alone when no crossover ran', () => {
    expect(idleLines({ pairs: 1, windowS: 5, onMsPerS: 20, offMsPerS: 10, jobsMsPerS: 10 }, [])).toHaveLength(1);
  });
});
