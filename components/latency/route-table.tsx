'use client';

import { useState } from 'react';
import type { SeriesSummary } from '@/lib/telemetry/view';
import { formatCount, formatMs, formatPercent, formatRate } from './format';
import { DEFAULT_ROUTE_SORT, nextSort, sortRoutes, type RouteSort, type RouteSortKey } from './route-sort';

/** The number columns; those without `onPhone` are left out below the sm breakpoint, so the table fits a phone. */
const COLUMNS: { key: RouteSortKey; label: string; value: (r: SeriesSummary) => string; onPhone?: boolean; flagged?: (r: SeriesSummary) => boolean }[] = [
  { key: 'count', label: 'Calls', value: (r) => formatCount(r.count), onPhone: true },
  { key: 'rate', label: 'Rate', value: (r) => formatRate(r.rate) },
  { key: 'p50', label: 'p50', value: (r) => formatMs(r.p50) },
  { key: 'p95', label: 'p95', value: (r) => formatMs(r.p95) },
  { key: 'p99', label: 'p99', value: (r) => formatMs(r.p99), onPhone: true },
  { key: 'max', label: 'Max', value: (r) => formatMs(r.max) },
  { key: 'errorRate', label: 'Errors', value: (r) => formatPercent(r.errorRate), onPhone: true, flagged: (r) => Boolean(r.errorRate) },
  { key: 'timeouts', label: 'Timeouts', value: (r) => String(r.timeouts), onPhone: true, flagged: (r) => r.timeouts > 0 },
];

const KIND_LABEL: Record<string, string> = { api: 'API', page: 'Page', action: 'Action', factory: 'Factory' };
const KIND_FILTERS: { kind: string; label: string }[] = [
  { kind: 'api', label: 'API' },
  { kind: 'page', label: 'Pages' },
  { kind: 'action', label: 'Actions' },
  { kind: 'factory', label: 'Factory' },
];

/** A column header that sorts the table: a button inside, its state in aria-sort. */
function SortHeader({ column, sort, onSort, className }: { column: { key: RouteSortKey; label: string }; sort: RouteSort; onSort: (key: RouteSortKey) => void; className: string }) {
  const active = sort.key === column.key;
  return (
    <th scope="col" aria-sort={active ? sort.direction : undefined} className={`${className} font-medium`}>
      <button type="button" onClick={() => onSort(column.key)} className={`rounded hover:underline ${active ? 'font-semibold text-char-900' : ''}`} title={`Sort by ${column.label}`}>
        {column.label}
        {active && <span aria-hidden>{sort.direction === 'ascending' ? '↑' : '↓'}</span>}
      </button>
    </th>
  );
}

/** Show every kind of call, or one: so an admin's own page views do not hide the API. */
function KindFilter({ routes, kind, onChange }: { routes: SeriesSummary[]; kind: string | null; onChange: (kind: string | null) => void }) {
  const counts = new Map<string, number>();
  for (const r of routes) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const options = [{ kind: null, label: 'All', count: routes.length }, ...KIND_FILTERS.filter((f) => counts.has(f.kind)).map((f) => ({ ...f, count: counts.get(f.kind) ?? 0 }))];
  return (
    <div role="group" aria-label="Kind of call" className="mb-3 inline-flex flex-wrap gap-1 rounded-full border border-char-900/10 bg-white p-1">
      {options.map((option) => (
        <button
          key={option.label}
          type="button"
          aria-pressed={option.kind === kind}
          onClick={() => onChange(option.kind)}
          className={`rounded-full px-2 py-1 text-xs font-semibold transition-colors sm:px-3 sm:text-sm ${option.kind === kind ? 'bg-char-900 text-white' : 'text-char-800 hover:bg-crust-100'}`}
        >
          {option.label} <span className="font-normal opacity-80">{option.count}</span>
        </button>
      ))}
    </div>
  );
}

const cellClass = (column: (typeof COLUMNS)[number], last: boolean) =>
  `whitespace-nowrap py-1.5 text-right ${last ? '' : 'pr-2 sm:pr-3'} ${column.onPhone ? '' : 'hidden sm:table-cell'}`;

/** Every route and factory target in the range; choosing one shows its charts. */
export function RouteTable({ routes, selected, onSelect }: { routes: SeriesSummary[]; selected: string | null; onSelect: (id: string | null) => void }) {
  const [sort, setSort] = useState<RouteSort>(DEFAULT_ROUTE_SORT);
  const [kind, setKind] = useState<string | null>(null);
  // A kind chosen earlier that has no calls in this range shows everything again.
  const shownKind = kind !== null && routes.some((r) => r.kind === kind) ? kind : null;
  const rows = sortRoutes(shownKind ? routes.filter((r) => r.kind === shownKind) : routes, sort);
  const onSort = (key: RouteSortKey) => setSort((current) => nextSort(current, key));
  return (
    <div>
      <KindFilter routes={routes} kind={shownKind} onChange={setKind} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm tabular-nums sm:min-w-[44rem]">
          <caption className="sr-only">Latency per route over the selected range</caption>
          <thead className="text-char-700">
            <tr>
              <SortHeader column={{ key: 'route', label: 'Route' }} sort={sort} onSort={onSort} className="py-2 pr-3" />
              {COLUMNS.map((column, i) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={onSort} className={cellClass(column, i === COLUMNS.length - 1)} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
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
    </div>
  );
}
