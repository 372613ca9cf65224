'use client';

import { useEffect, useId, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatUtc } from '@/components/ui/utc';
import { formatMs, formatPercent, formatRate, formatRateTicks } from './format';
import { markerLabels, type PlacedMarker } from './marker-labels';

export type Unit = 'ms' | 'rate' | 'share' | 'count';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  dash?: number[];
  width?: number;
}

const FORMAT: Record<Unit, (v: number | null) => string> = {
  ms: formatMs,
  rate: formatRate,
  share: formatPercent,
  count: (v) => (v === null ? '–' : String(Math.round(v))),
};

export const MARKER_COLOR = '#6d28d9';

/** A vertical line at a moment (a configuration change, an incident's timeline entry), numbered in order. */
export interface ChartMarker {
  at: number;
  color?: string;
}
/** Whole-number steps for count axes, so ticks never repeat a rounded label. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000];

/** Vertical, numbered lines at the markers, drawn on the canvas after the series. */
function markerPlugin(markers: ChartMarker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const { ctx, bbox } = u;
          const [min, max] = [u.scales.x?.min ?? 0, u.scales.x?.max ?? 0];
          ctx.save();
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          ctx.font = `${11 * devicePixelRatio}px sans-serif`;
          // uPlot leaves the axes' alignment set; labels start just right of their line.
          ctx.textAlign = 'left';
          const placed: PlacedMarker[] = [];
          markers.forEach((m, i) => {
            const at = m.at / 1000;
            if (at < min || at > max) return;
            const x = Math.round(u.valToPos(at, 'x', true));
            ctx.strokeStyle = m.color ?? MARKER_COLOR;
            ctx.beginPath();
            ctx.moveTo(x, bbox.top);
            ctx.lineTo(x, bbox.top + bbox.height);
            ctx.stroke();
            placed.push({ x, number: i + 1, color: m.color });
          });
          // Lines too close to number apart share one label ("4–9"), which a phone's narrow chart needs.
          const pad = 3 * devicePixelRatio;
          for (const label of markerLabels(placed, (text) => ctx.measureText(text).width + pad, 4 * devicePixelRatio)) {
            ctx.fillStyle = label.color ?? MARKER_COLOR;
            ctx.fillText(label.text, label.x + pad, bbox.top + 11 * devicePixelRatio);
          }
          ctx.restore();
        },
      ],
    },
  };
}

/** uPlot's log scale cannot show zero; a zero latency is drawn as a gap there. */
const forLog = (values: (number | null)[]) => values.map((v) => (v !== null && v > 0 ? v : null));

/**
 * One uPlot time-series chart. uPlot draws on a canvas and stays fast with thousands of
 * points; the figure's caption and its data table carry the same numbers for screen readers
 * and keyboards.
 */
export function TimeChart({
  title,
  description,
  t,
  series,
  unit,
  markers = [],
  logScale = false,
  height = 220,
}: {
  title: string;
  description?: string;
  t: number[];
  series: ChartSeries[];
  unit: Unit;
  markers?: ChartMarker[];
  logScale?: boolean;
  height?: number;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const titleId = useId();
  const format = FORMAT[unit];
  const data: uPlot.AlignedData = [t, ...series.map((s) => (logScale ? forLog(s.values) : s.values))];
  const latest = useRef(data);
  latest.current = data;
  const shape = `${unit}|${logScale}|${series.map((s) => s.label).join(',')}|${markers.map((m) => m.at).join(',')}`;

  // (Re)create the chart when its shape changes; data-only changes go through setData below.
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('uplot').then(({ default: UPlot }) => {
      if (disposed) return;
      const options: uPlot.Options = {
        width: element.clientWidth || 600,
        height,
        plugins: [markerPlugin(markers)],
        // The time axis in UTC, as every time on these pages.
        tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: logScale ? { distr: 3, log: 10 } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [
          { stroke: '#4a3f3b', grid: { stroke: 'rgba(35,28,26,0.08)' }, label: 'UTC', labelSize: 18, labelFont: '11px sans-serif', space: 70 },
          {
            stroke: '#4a3f3b',
            grid: { stroke: 'rgba(35,28,26,0.08)' },
            size: 78,
            ...(unit === 'count' ? { incrs: COUNT_STEPS } : {}),
            values: (_u, splits) => (unit === 'rate' ? formatRateTicks(splits) : splits.map((v) => format(v))),
          },
        ],
        series: [
          { value: (_u, v) => (v === null ? '–' : formatUtc(v * 1000)) },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.width ?? 1.5,
            dash: s.dash,
            // Gaps stay gaps (no data is not zero); uPlot shows points when they are sparse,
            // so a lone bucket between gaps (the probe every 15 s) is still visible.
            spanGaps: false,
            points: { size: 5 },
            value: (_u: uPlot, v: number | null) => format(v),
          })),
        ],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
      };
      chart.current = new UPlot(options, latest.current, element);
      observer = new ResizeObserver(() => chart.current?.setSize({ width: element.clientWidth, height }));
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // Data is applied by the effect below; the chart is rebuilt only when its shape changes.
  }, [shape, height]);

  useEffect(() => {
    chart.current?.setData(data);
  });

  const last = t.length - 1;
  const summary = series.map((s) => `${s.label} ${format(lastValue(s.values))}`).join(', ');
  return (
    <figure className="min-w-0" aria-labelledby={titleId}>
      <figcaption className="mb-2">
        <span id={titleId} className="font-semibold text-char-900">
          {title}
        </span>
        {description && <span className="block text-sm text-char-700">{description}</span>}
      </figcaption>
      <div ref={holder} role="img" aria-label={`${title}. Latest: ${summary}.`} className="latency-chart w-full" style={{ minHeight: height }} />
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer rounded text-char-700 hover:text-char-900">Show the latest values as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left tabular-nums">
            <thead>
              <tr className="text-char-700">
                <th scope="col" className="py-1 pr-3 font-medium">
                  Time
                </th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="py-1 pr-3 font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.slice(Math.max(0, last - 9)).map((time, i) => {
                const index = Math.max(0, last - 9) + i;
                return (
                  <tr key={time} className="border-t border-char-900/5">
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {formatUtc(time * 1000, true)}
                    </th>
                    {series.map((s) => (
                      <td key={s.label} className="py-1 pr-3">
                        {format(s.values[index] ?? null)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function lastValue(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}
