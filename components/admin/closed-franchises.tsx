import { Card } from '@/components/ui/card';
import { LocalDateTime } from '@/components/ui/local-time';
import { Price } from '@/components/ui/price';
import type { ClosedFranchise } from '@/lib/store/franchises';

/** The header cells, each with its padding and alignment. */
const COLUMNS = [
  ['Franchise', 'py-2 pr-3'],
  ['Closed', 'px-3 py-2'],
  ['Stores', 'px-3 py-2 text-right'],
  ['Revenue', 'py-2 pl-3 text-right'],
] as const;

/** Closed franchises, newest first: when each closed and what it earned (its orders are kept). */
export function ClosedFranchises({ franchises, more }: { franchises: ClosedFranchise[]; more: boolean }) {
  if (franchises.length === 0) return null;
  return (
    <section aria-labelledby="closed-franchises-heading" className="mt-10">
      <h2 id="closed-franchises-heading" className="mb-1 text-xl font-bold tracking-tight">
        Recently closed
      </h2>
      <p className="mb-3 text-sm text-char-700">
        Closed franchises take no orders; their past orders and revenue are kept.
        {more && ` The ${franchises.length} most recent are shown.`}
      </p>
      <Card className="overflow-x-auto p-4">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Closed franchises</caption>
          <thead className="border-b border-char-900/10 text-char-700">
            <tr>
              {COLUMNS.map(([label, place]) => (
                <th key={label} scope="col" className={`${place} font-medium`}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-char-900/5">
            {franchises.map((franchise) => (
              <tr key={franchise.id}>
                <th scope="row" className="py-2.5 pr-3 font-semibold text-char-900 wrap-anywhere">
                  {franchise.name}
                </th>
                <td className="px-3 py-2.5 text-char-700">
                  <LocalDateTime at={franchise.closedAt.toISOString()} />
                </td>
                <td className="px-3 py-2.5 text-right">{franchise.storeCount}</td>
                <td className="py-2.5 pl-3 text-right">
                  <Price sat={franchise.revenueSat} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </section>
  );
}
