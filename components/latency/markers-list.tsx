import type { ConfigMarker } from '@/lib/telemetry/view';
import { formatUtc } from '@/components/ui/utc';
import { MARKER_COLOR } from './time-chart';

/** The configuration changes drawn on the charts, numbered as on the charts: who changed what, and when. */
export function MarkersList({ markers }: { markers: ConfigMarker[] }) {
  if (markers.length === 0) return <p className="text-sm text-char-700">No factory configuration changes in this range.</p>;
  return (
    <ol className="flex flex-col gap-2 text-sm">
      {markers.map((m, i) => (
        <li key={`${m.version}-${m.type}`} className="flex gap-3">
          <span
            aria-hidden="true"
            className="mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white"
            style={{ backgroundColor: MARKER_COLOR }}
          >
            {i + 1}
          </span>
          <span>
            <span className="sr-only">Marker {i + 1}: </span>
            <time dateTime={new Date(m.at).toISOString()} className="font-semibold tabular-nums">
              {formatUtc(m.at)}
            </time>{' '}
            — <span className="font-semibold">{m.author}</span> ({m.type.replace('.', ' ')}, v{m.version}): <span className="font-mono text-xs">{m.changes}</span>
            {m.reason && <span className="block text-char-700">“{m.reason}”</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
