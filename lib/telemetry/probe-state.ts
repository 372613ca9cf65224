/** The probe's last result in this process, for the heartbeat and the latency page. */
export interface ProbeResult {
  at: number;
  durationMs: number;
  /** ok, or the factory failure kind (timeout, circuit_open, rejected, unreachable, bad_pizza). */
  status: string;
}

const globalForProbe = globalThis as unknown as { __jwtPizzaProbeLast?: ProbeResult };

export const lastProbe = (): ProbeResult | undefined => globalForProbe.__jwtPizzaProbeLast;

export function setLastProbe(result: ProbeResult): void {
  globalForProbe.__jwtPizzaProbeLast = result;
}
