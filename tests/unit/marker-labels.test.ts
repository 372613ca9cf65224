import { describe, expect, it } from 'vitest';
import { markerLabels } from '@/components/latency/marker-labels';

// About 7 px a character, as 11 px text is.
const widthOf = (text: string) => text.length * 7;

describe('the numbers on a chart’s marker lines', () => {
  it('labels lines far apart one by one, in their own colours', () => {
    const labels = markerLabels(
      [
        { x: 10, number: 1, color: 'red' },
        { x: 100, number: 2, color: 'blue' },
      ],
      widthOf,
      4,
    );
    expect(labels).toEqual([
      { x: 10, text: '1', color: 'red' },
      { x: 100, text: '2', color: 'blue' },
    ]);
  });

  it('gives a burst of close lines, as an incident on a phone has, one label for the run', () => {
    const burst = Array.from({ length: 11 }, (_, i) => ({ x: 200 + i * 2, number: i + 1, color: 'red' }));
    expect(markerLabels([...burst, { x: 300, number: 12 }], widthOf, 4)).toEqual([
      { x: 200, text: '1–11', color: undefined },
      { x: 300, text: '12', color: undefined },
    ]);
  });

  it('never lets two labels overlap', () => {
    const placed = [0, 9, 18, 27, 60, 61, 95].map((x, i) => ({ x, number: i + 1 }));
    const labels = markerLabels(placed, widthOf, 4);
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.x).toBeGreaterThanOrEqual(labels[i - 1]!.x + widthOf(labels[i - 1]!.text) + 4);
    expect(labels.map((l) => l.text)).toEqual(['1–3', '4', '5–6', '7']);
  });

  it('lists numbers that are not consecutive', () => {
    expect(markerLabels([{ x: 5, number: 4 }, { x: 6, number: 2 }], widthOf, 4)).toEqual([{ x: 5, text: '2,4', color: undefined }]);
  });
});
