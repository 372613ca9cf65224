import { Price } from '@/components/ui/price';
import type { FranchiseRevenue } from '@/lib/store/revenue';

/** Closed stores take no orders, but what they earned stays in the franchise's total. */
export function ClosedStores({ franchiseId, revenue }: { franchiseId: number; revenue: FranchiseRevenue }) {
  if (revenue.closedStores.length === 0) return null;
  const headingId = `closed-stores-${franchiseId}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2">
      <h3 id={headingId} className="text-base font-semibold text-char-900">
        Closed stores
      </h3>
      <p className="text-sm text-char-700">
        <Price sat={revenue.closedSat} /> earned before closing, included in the total revenue.
      </p>
      <ul aria-labelledby={headingId} className="divide-y divide-char-900/5 text-sm">
        {revenue.closedStores.map((store) => (
          <li key={store.id} className="flex items-baseline justify-between gap-3 py-2">
            <span className="min-w-0 text-char-800 wrap-anywhere">{store.name}</span>
            <Price sat={store.revenueSat} className="text-char-800" />
          </li>
        ))}
      </ul>
    </section>
  );
}
