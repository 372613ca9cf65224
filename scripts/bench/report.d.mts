export function idleLines(
  idle: { pairs: number; windowS: number; onMsPerS: number; offMsPerS: number; jobsMsPerS: number },
  results: { id: string; connections: number; reqPerSec: number; serverCpuMsPerReq: number }[],
): string[];
