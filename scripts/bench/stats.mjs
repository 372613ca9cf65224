// Small statistics for the bench: medians, and how far a median can be trusted on a noisy machine.

/** The (lower) median of the values that are not null; null when there are none. */
export function median(values) {
  const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
}

/** A small seeded generator (mulberry32), so the same samples give the same interval. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The percentile bootstrap interval of the median: the samples are drawn again with
 * replacement `resamples` times, and the middle `level` of those medians is the interval.
 */
export function medianInterval(values, { level = 0.95, resamples = 2000, seed = 1 } = {}) {
  const samples = values.filter((v) => v != null);
  if (samples.length < 2) return null;
  const next = random(seed);
  const medians = [];
  for (let r = 0; r < resamples; r++) {
    medians.push(median(Array.from(samples, () => samples[Math.floor(next() * samples.length)])));
  }
  medians.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: medians[Math.floor(tail * (resamples - 1))], high: medians[Math.ceil((1 - tail) * (resamples - 1))], level };
}

/**
 * A/B ratios from a crossover (measureCrossover): `slices` are [value of server 0, value of
 * server 1], with server 0 in state A in even slices and in B in odd ones. With server 1
 * running at s times server 0's speed, and state A at r times B's, an even slice reads r/s
 * and the odd one after it 1/(r·s); so each pair gives r = √(even/odd), free of s.
 */
export function crossoverRatios(slices) {
  const ratios = [];
  for (let i = 0; i + 1 < slices.length; i += 2) {
    const [even0, even1] = slices[i];
    const [odd0, odd1] = slices[i + 1];
    if ([even0, even1, odd0, odd1].every((v) => v > 0)) ratios.push(Math.sqrt((even0 / even1) * (odd1 / odd0)));
  }
  return ratios;
}
