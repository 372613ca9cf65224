'use client';

import type { SeriesSummary } from '@/lib/telemetry/view';
import { formatCount, formatMs, formatPercent, formatRate } from './format';

/** The number columns; those without `onPhone` are left out below the sm breakpoint, so the table fits a phone. */
const COLUMNS: { label: string; value: (r: SeriesSummary) => string; onPhone?: boolean; flagged?: (r: SeriesSummary) => boolean }[] = [
  { label: 'Calls', value: (r) => formatCount(r.count), onPhone: true },
  { label: 'Rate', value: (r) => formatRate(r.rate) },
  { label: 'p50', value: (r) => formatMs(r.p50) },
  { label: 'p95', value: (r) => formatMs(r.p95) },
  { label: 'p99', value: (r) => formatMs(r.p99), onPhone: true },
  { label: 'Max', value: (r) => formatMs(r.max) },
  { label: 'Errors', value: (r) => formatPercent(r.errorRate), onPhone: true, flagged: (r) => Boolean(r.errorRate) },
  { label: 'Timeouts', value: (r) => String(r.timeouts), onPhone: true, flagged: (r) => r.timeouts > 0 },
];

const KIND_LABEL: Record<string, string> = { api: 'API', page: 'Page', action: 'Action', factory: 'Factory' };

const cellClass = (column: (typeof COLUMNS)[number], last: boolean) =>
  `whitespace-nowrap py-1.5 text-right ${last ? '' : 'pr-3'} ${column.onPhone ? '' : 'hidden sm:table-cell'}`;

/** Every route and factory target in the range; choosing one shows its charts. */
export function RouteTable({ routes, selected, onSelect }: { routes: SeriesSummary[]; selected: string | null; onSelect: (id: string | null) => void }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm tabular-nums sm:min-w-[44rem]">
        <caption className="sr-only">Latency per route over the selected range</caption>
        <thead className="text-char-700">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Route
            </th>
            {COLUMNS.map((column, i) => (
              <th key={column.label} scope="col" className={`${cellClass(column, i === COLUMNS.length - 1)} font-medium`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {routes.map((r) => {
            const isSelected = r.id === selected;
            return (
              <tr key={r.id} className={`border-t border-char-900/5 ${isSelected ? 'bg-crust-100' : ''}`}>
                <th scope="row" className="py-1.5 pr-3 font-normal">
                  <button
                    type="button"
                    aria-pressed={isSelected}
                    onClick={() => onSelect(isSelected ? null : r.id)}
                    className="rounded text-left hover:underline"
                    title={isSelected ? 'Hide its charts' : 'Show its charts'}
                  >
                    <span className="mr-2 block text-xs font-semibold uppercase text-char-700 sm:inline-block sm:w-14">{KIND_LABEL[r.kind] ?? r.kind}</span>
                    <span className="break-all font-mono text-xs">
                      {r.method} {r.series}
                    </span>
                  </button>
                </th>
                {COLUMNS.map((column, i) => (
                  <td key={column.label} className={`${cellClass(column, i === COLUMNS.length - 1)} ${column.flagged?.(r) ? 'font-semibold text-sauce-700' : ''}`}>
                    {column.value(r)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
