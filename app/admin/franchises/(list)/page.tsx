import type { Metadata } from 'next';
import Link from 'next/link';
import { ClosedFranchises } from '@/components/admin/closed-franchises';
import { ConfirmAction } from '@/components/admin/confirm-action';
import { CreateFranchiseForm } from '@/components/admin/create-franchise-form';
import { NameFilter } from '@/components/admin/name-filter';
import { Pagination } from '@/components/admin/pagination';
import { FranchiseAdmins } from '@/components/franchise/franchise-panel';
import { ButtonLink } from '@/components/ui/button';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Price } from '@/components/ui/price';
import { franchiseListQuery } from '@/lib/api/schemas';
import { requireAdmin } from '@/lib/auth/session';
import { listFranchises, recentlyClosedFranchises, withAllTimeRevenue } from '@/lib/store/franchises';
import { closeFranchiseAction, createFranchiseAction } from '../actions';

export const metadata: Metadata = { title: 'Franchises · Admin' };

const PAGE_SIZE = 10;
const CLOSED_SHOWN = 10;

/** The start of the close dialog's warning, right for no store, one and several. */
const storesThatClose = (count: number) =>
  count === 0 ? 'It has no open stores' : count === 1 ? 'Its one store closes too' : `All ${count} of its stores close too`;

export default async function AdminFranchisesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireAdmin('/admin/franchises');
  const parsed = franchiseListQuery.safeParse(await searchParams);
  const query = { ...(parsed.success ? parsed.data : franchiseListQuery.parse({})), limit: PAGE_SIZE };
  const listed = await listFranchises(user, query);
  const franchises = await withAllTimeRevenue(listed.franchises);
  const filtered = query.name !== '*' && query.name !== '';
  // Under the whole list only: its first page, unfiltered.
  const closed = query.page === 0 && !filtered ? await recentlyClosedFranchises(user, CLOSED_SHOWN) : undefined;

  return (
    <>
      <PageHeader title="Franchises" subtitle="Every open franchise, its franchisees, stores and revenue." />
      <Card className="mb-8">
        <CreateFranchiseForm action={createFranchiseAction} />
      </Card>
      <NameFilter basePath="/admin/franchises" name={query.name} label="Filter franchises by name" />
      {franchises.length === 0 ? (
        <EmptyState
          title={filtered ? `No franchise matches “${query.name}”` : query.page > 0 ? 'No franchises on this page' : 'No franchises yet'}
          action={
            filtered || query.page > 0 ? (
              <ButtonLink href="/admin/franchises" variant="secondary">
                Show all franchises
              </ButtonLink>
            ) : undefined
          }
        >
          {!filtered && query.page === 0 && <p>Create the first one with the form above.</p>}
        </EmptyState>
      ) : (
        <ul aria-label="Franchises" className="flex flex-col gap-4">
          {franchises.map((franchise) => {
            const { totalSat, closedSat, closedStores } = franchise.revenue;
            return (
              <li key={franchise.id}>
                <Card className="flex flex-col gap-4">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0">
                      <h2 className="text-xl font-bold tracking-tight">
                        <Link href={`/admin/franchises/${franchise.id}`} className="wrap-anywhere hover:text-sauce-700 hover:underline">
                          {franchise.name}
                        </Link>
                      </h2>
                      <p className="text-sm text-char-700">
                        {franchise.stores.length} {franchise.stores.length === 1 ? 'store' : 'stores'} · <Price sat={totalSat} /> revenue
                        {closedStores.length > 0 && (
                          <>
                            {' '}
                            (<Price sat={closedSat} /> from {closedStores.length} closed {closedStores.length === 1 ? 'store' : 'stores'})
                          </>
                        )}
                      </p>
                    </div>
                    <div className="flex flex-wrap gap-2">
                      <ButtonLink href={`/admin/franchises/${franchise.id}`} variant="secondary" size="sm" aria-label={`Manage stores of ${franchise.name}`}>
                        Manage stores
                      </ButtonLink>
                      <ConfirmAction
                        action={closeFranchiseAction}
                        fields={{ franchiseId: franchise.id }}
                        triggerLabel="Close franchise"
                        triggerName={`Close franchise ${franchise.name}`}
                        title={`Close ${franchise.name}?`}
                        confirmLabel="Close franchise"
                        pendingLabel="Closing…"
                      >
                        <p>
                          {storesThatClose(franchise.stores.length)}, and its franchisees lose access to it. Past orders are kept.
                          This can&apos;t be undone here.
                        </p>
                      </ConfirmAction>
                    </div>
                  </div>
                  <FranchiseAdmins admins={franchise.admins ?? []} />
                  {franchise.stores.length > 0 && (
                    <ul aria-label={`Stores of ${franchise.name}`} className="flex flex-wrap gap-2">
                      {franchise.stores.map((store) => (
                        <li key={store.id}>
                          <Badge>
                            {store.name}&nbsp;·&nbsp;
                            <Price btc={store.totalRevenue ?? 0} />
                          </Badge>
                        </li>
                      ))}
                    </ul>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination
        basePath="/admin/franchises"
        page={query.page}
        firstPage={0}
        hasMore={listed.more}
        query={filtered ? { name: query.name } : {}}
      />
      {closed && <ClosedFranchises {...closed} />}
    </>
  );
}
