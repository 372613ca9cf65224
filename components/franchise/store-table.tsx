import { ConfirmAction } from '@/components/admin/confirm-action';
import { Price } from '@/components/ui/price';
import type { FormAction } from '@/lib/form-state';
import type { StoreView } from '@/lib/store/franchises';

/** A franchise's open stores with their revenue and a confirmed "Close" action. */
export function StoreTable({ franchiseId, stores, closeStore }: { franchiseId: number; stores: StoreView[]; closeStore: FormAction }) {
  if (stores.length === 0) {
    return <p className="rounded-xl bg-crust-100 px-4 py-3 text-sm text-char-800">No stores yet. Create the first one below.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Stores</caption>
        <thead className="border-b border-char-900/10 text-char-700">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Store
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Revenue
            </th>
            <th scope="col" className="py-2 pl-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-char-900/5">
          {stores.map((store) => (
            <tr key={store.id}>
              <th scope="row" className="py-2.5 pr-3 font-semibold text-char-900 wrap-anywhere">
                {store.name}
              </th>
              <td className="px-3 py-2.5 text-right">
                <Price btc={store.totalRevenue ?? 0} />
              </td>
              <td className="py-2.5 pl-3 text-right">
                <ConfirmAction
                  action={closeStore}
                  fields={{ franchiseId, storeId: store.id }}
                  triggerLabel="Close"
                  triggerName={`Close store ${store.name}`}
                  title={`Close ${store.name}?`}
                  confirmLabel="Close store"
                  pendingLabel="Closing…"
                >
                  <p>
                    <strong className="text-char-900">{store.name}</strong> stops taking orders and leaves this list. Its past orders are
                    kept, but you can&apos;t reopen it here.
                  </p>
                </ConfirmAction>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
