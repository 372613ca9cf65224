/** A marker line's place on the chart: x in canvas pixels, and its number (1-based). */
export interface PlacedMarker {
  x: number;
  number: number;
  color?: string;
}

export interface MarkerLabel {
  x: number;
  text: string;
  /** A lone marker's own colour; a shared label has none. */
  color?: string;
}

/**
 * One label per run of markers too close to label apart: "4" alone, "4–9" for a run of
 * consecutive numbers, "4,6" otherwise. A run goes on while the next line falls under the
 * run's label (its width from `widthOf`) plus `gap`, so no two labels overlap.
 */
export function markerLabels(placed: PlacedMarker[], widthOf: (text: string) => number, gap: number): MarkerLabel[] {
  const labels: MarkerLabel[] = [];
  let run: PlacedMarker[] = [];
  const textOf = (markers: PlacedMarker[]) => {
    const numbers = markers.map((m) => m.number).sort((a, b) => a - b);
    const first = numbers[0]!;
    const last = numbers[numbers.length - 1]!;
    if (numbers.length === 1) return String(first);
    return last - first === numbers.length - 1 ? `${first}–${last}` : numbers.join(',');
  };
  const labelOf = (markers: PlacedMarker[]): MarkerLabel => ({ x: markers[0]!.x, text: textOf(markers), color: markers.length === 1 ? markers[0]!.color : undefined });
  for (const marker of [...placed].sort((a, b) => a.x - b.x)) {
    if (run.length > 0 && marker.x >= run[0]!.x + widthOf(textOf([...run, marker])) + gap) {
      labels.push(labelOf(run));
      run = [];
    }
    run.push(marker);
  }
  if (run.length > 0) labels.push(labelOf(run));
  return labels;
}
