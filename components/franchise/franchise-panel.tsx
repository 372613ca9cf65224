import { Card } from '@/components/ui/card';
import { Price } from '@/components/ui/price';
import type { FormAction } from '@/lib/form-state';
import type { FranchiseAdmin, FranchiseLedger } from '@/lib/store/franchises';
import { ClosedStores } from './closed-stores';
import { CreateStoreForm } from './create-store-form';
import { RevenueChart } from './revenue-chart';
import { StoreTable } from './store-table';

export interface StoreActions {
  createStore: FormAction;
  closeStore: FormAction;
}

export function FranchiseAdmins({ admins }: { admins: FranchiseAdmin[] }) {
  if (admins.length === 0) return <p className="text-sm text-char-700">No franchisees assigned.</p>;
  return (
    <ul aria-label="Franchisees" className="flex flex-wrap gap-2">
      {admins.map((admin) => (
        <li key={admin.id} className="flex min-w-0 flex-wrap gap-x-1.5 rounded-xl bg-crust-100 px-3 py-1 text-sm text-char-800">
          <span className="min-w-0 font-semibold text-char-900 wrap-anywhere">{admin.name}</span>
          <span className="min-w-0 wrap-anywhere">{admin.email}</span>
        </li>
      ))}
    </ul>
  );
}

/** Revenue, the chart and the stores of one franchise, with store management. */
export function FranchiseOverview({ franchise, actions }: { franchise: FranchiseLedger; actions: StoreActions }) {
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
      <div className="flex flex-col gap-5 lg:col-span-3">
        <dl className="grid grid-cols-2 gap-3">
          <div className="rounded-xl bg-crust-100 px-4 py-3">
            <dt className="text-sm text-char-700">Total revenue</dt>
            <dd className="text-2xl font-bold text-char-900">
              <Price sat={franchise.revenue.totalSat} />
            </dd>
          </div>
          <div className="rounded-xl bg-crust-100 px-4 py-3">
            <dt className="text-sm text-char-700">Open stores</dt>
            <dd className="text-2xl font-bold text-char-900">{franchise.stores.length}</dd>
          </div>
        </dl>
        <RevenueChart stores={franchise.stores} />
      </div>
      <div className="flex flex-col gap-5 lg:col-span-2">
        <h3 className="text-base font-semibold text-char-900">Stores</h3>
        <StoreTable franchiseId={franchise.id} stores={franchise.stores} closeStore={actions.closeStore} />
        <ClosedStores franchiseId={franchise.id} revenue={franchise.revenue} />
        <CreateStoreForm franchiseId={franchise.id} franchiseName={franchise.name} action={actions.createStore} />
      </div>
    </div>
  );
}

/** One franchise as a section of the franchisee dashboard. */
export function FranchisePanel({ franchise, actions }: { franchise: FranchiseLedger; actions: StoreActions }) {
  const headingId = `franchise-${franchise.id}`;
  return (
    <Card className="p-5 sm:p-6">
      <section aria-labelledby={headingId} className="flex flex-col gap-5">
        <header className="flex flex-col gap-2">
          <h2 id={headingId} className="text-2xl font-bold tracking-tight text-char-900 wrap-anywhere">
            {franchise.name}
          </h2>
          <FranchiseAdmins admins={franchise.admins ?? []} />
        </header>
        <FranchiseOverview franchise={franchise} actions={actions} />
      </section>
    </Card>
  );
}
