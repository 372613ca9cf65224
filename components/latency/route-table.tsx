'use client';

import type { SeriesSummary } from '@/lib/telemetry/view';
import { formatCount, formatMs, formatPercent, formatRate } from './format';

const NUMBER_COLUMNS = ['Calls', 'Rate', 'p50', 'p95', 'p99', 'Max', 'Errors', 'Timeouts'] as const;

const KIND_LABEL: Record<string, string> = { api: 'API', page: 'Page', action: 'Action', factory: 'Factory' };

/** Every route and factory target in the range; choosing one shows its charts. */
export function RouteTable({ routes, selected, onSelect }: { routes: SeriesSummary[]; selected: string | null; onSelect: (id: string | null) => void }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm tabular-nums">
        <caption className="sr-only">Latency per route over the selected range</caption>
        <thead className="text-char-700">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Route
            </th>
            {NUMBER_COLUMNS.map((label, i) => (
              <th key={label} scope="col" className={`py-2 text-right font-medium ${i < NUMBER_COLUMNS.length - 1 ? 'pr-3' : ''}`}>
                {label}
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
                    <span className="mr-2 inline-block w-14 text-xs font-semibold uppercase text-char-700">{KIND_LABEL[r.kind] ?? r.kind}</span>
                    <span className="font-mono text-xs">
                      {r.method} {r.series}
                    </span>
                  </button>
                </th>
                <td className="py-1.5 pr-3 text-right">{formatCount(r.count)}</td>
                <td className="py-1.5 pr-3 text-right">{formatRate(r.rate)}</td>
                <td className="py-1.5 pr-3 text-right">{formatMs(r.p50)}</td>
                <td className="py-1.5 pr-3 text-right">{formatMs(r.p95)}</td>
                <td className="py-1.5 pr-3 text-right">{formatMs(r.p99)}</td>
                <td className="py-1.5 pr-3 text-right">{formatMs(r.max)}</td>
                <td className={`py-1.5 pr-3 text-right ${r.errorRate ? 'font-semibold text-sauce-700' : ''}`}>{formatPercent(r.errorRate)}</td>
                <td className={`py-1.5 text-right ${r.timeouts ? 'font-semibold text-sauce-700' : ''}`}>{r.timeouts}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
