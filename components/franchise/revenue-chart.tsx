import { Price } from '@/components/ui/price';
import { btcToSat } from '@/lib/store/money';
import type { StoreView } from '@/lib/store/franchises';

/** Revenue per store as horizontal bars. Each bar's label and value are text, so screen readers read the data. */
export function RevenueChart({ stores, caption = 'Revenue per store' }: { stores: StoreView[]; caption?: string }) {
  const rows = stores.map((s) => ({ id: s.id, name: s.name, sat: btcToSat(s.totalRevenue ?? 0) }));
  const max = Math.max(0, ...rows.map((r) => r.sat));
  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="text-sm font-semibold text-char-800">{caption}</figcaption>
      {rows.length === 0 ? (
        <p className="text-sm text-char-700">No stores yet, so no revenue to chart.</p>
      ) : (
        <>
          <ul aria-label={caption} className="flex flex-col gap-3">
            {rows.map((row) => {
              const width = max > 0 && row.sat > 0 ? Math.max(1.5, (row.sat / max) * 100) : 0;
              return (
                <li
                  key={row.id}
                  className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 sm:grid-cols-[minmax(0,9rem)_minmax(0,1fr)_6.5rem]"
                >
                  <span className="truncate text-sm font-medium text-char-900" title={row.name}>
                    {row.name}
                  </span>
                  <span aria-hidden="true" className="order-last col-span-2 block h-3 rounded-full bg-crust-100 sm:order-none sm:col-span-1">
                    <span className="block h-full rounded-full bg-sauce-500" style={{ width: `${width}%` }} />
                  </span>
                  <Price sat={row.sat} className="text-right text-sm font-semibold text-char-800" />
                </li>
              );
            })}
          </ul>
          {max === 0 && <p className="text-sm text-char-700">No sales yet: bars grow as orders come in.</p>}
        </>
      )}
    </figure>
  );
}
