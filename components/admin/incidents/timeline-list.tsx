import Link from 'next/link';
import { formatMs } from '@/components/latency/format';
import type { TimelineEntry } from '@/lib/telemetry/incidents/types';
import { DiffList } from '../factory-console';
import { When } from '../alerts/time';
import { TIMELINE_STYLE } from './parts';

/** The timeline, oldest first, numbered as the lines on the chart; each entry's offset from the first bad measurement. */
export function TimelineList({ timeline, firstBadAt }: { timeline: TimelineEntry[]; firstBadAt: string }) {
  const origin = Date.parse(firstBadAt);
  return (
    <ol aria-label="Timeline, oldest first" className="flex flex-col">
      {timeline.map((entry, i) => {
        const style = TIMELINE_STYLE[entry.type];
        const offset = Date.parse(entry.at) - origin;
        return (
          <li key={`${entry.at}-${i}`} className="relative flex gap-3 border-l-2 pb-4 pl-4 last:pb-0" style={{ borderColor: `${style.color}55` }}>
            <span
              aria-hidden="true"
              className="absolute -left-3 top-0 flex size-6 items-center justify-center rounded-full text-xs font-bold text-white"
              style={{ backgroundColor: style.color }}
            >
              {i + 1}
            </span>
            <div className="flex min-w-0 flex-col gap-1 pl-2">
              <p className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 text-xs text-char-700">
                <span className="sr-only">{i + 1}.</span>
                <When at={entry.at} clockOnly className="font-semibold tabular-nums text-char-900" />
                <span className="tabular-nums">{offset === 0 ? 'T0' : `T${offset < 0 ? '−' : '+'}${formatMs(Math.abs(offset))}`}</span>
                <span className="font-semibold uppercase tracking-wide" style={{ color: style.color }}>
                  {style.label}
                </span>
              </p>
              <p className="text-sm text-char-900">
                {entry.href ? (
                  <Link href={entry.href} className="underline underline-offset-2 hover:text-sauce-700">
                    {entry.title}
                  </Link>
                ) : (
                  entry.title
                )}
              </p>
              {entry.diff && entry.diff.length > 0 && <DiffList diff={entry.diff} label={`What change ${i + 1} did`} />}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
