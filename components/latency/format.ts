/** Number formats shared by the latency page's components. */

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 10_000) return `${Math.round(ms / 1000)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** The unit a rate reads best in: per second from 1/s (and for zero), else per minute, else per hour. */
const rateUnit = (perSecond: number): [per: number, suffix: string] =>
  perSecond === 0 || perSecond >= 1 ? [1, '/s'] : perSecond >= 1 / 60 ? [60, '/min'] : [3600, '/h'];

export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return '–';
  const [per, suffix] = rateUnit(perSecond);
  const scaled = perSecond * per;
  return `${scaled.toFixed(scaled !== 0 && scaled < 10 ? 1 : 0)}${suffix}`;
}

/** An axis's rate ticks in one unit, the one that suits its largest tick (no "6/min" next to "0/s"). */
export function formatRateTicks(perSecond: number[]): string[] {
  const [per, suffix] = rateUnit(Math.max(0, ...perSecond.filter(Number.isFinite)));
  return perSecond.map((v) => `${Number((v * per).toFixed(2))}${suffix}`);
}

export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  if (share === 0) return '0%';
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return Math.round(n).toLocaleString('en');
}


export function formatAge(ms: number): string {
  if (ms < 1000) return 'just now';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s ago`;
  return `${Math.round(ms / 60_000)} min ago`;
}
