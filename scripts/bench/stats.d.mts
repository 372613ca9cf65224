export function median(values: readonly (number | null | undefined)[]): number | null;
export function medianInterval(
  values: readonly (number | null | undefined)[],
  options?: { level?: number; resamples?: number; seed?: number },
): { low: number; high: number; level: number } | null;
export function crossoverRatios(slices: readonly (readonly [number, number])[]): number[];
