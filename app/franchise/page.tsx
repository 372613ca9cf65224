import type { Metadata } from 'next';
import { ActionToast } from '@/components/admin/action-toast';
import { FranchisePanel } from '@/components/franchise/franchise-panel';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { getUserFranchises, withAllTimeRevenue } from '@/lib/store/franchises';
import { closeStoreAction, createStoreAction } from './actions';

export const metadata: Metadata = { title: 'Franchise' };

export default async function FranchiseDashboardPage() {
  const user = await requireUser('/franchise');
  const franchises = await withAllTimeRevenue(await getUserFranchises(user, user.id));
  return (
    <>
      <PageHeader title={franchises.length > 1 ? 'Your franchises' : 'Your franchise'} subtitle="Revenue per store, and the stores you run." />
      {franchises.length === 0 ? (
        <EmptyState title="You don't run a franchise yet" action={<ButtonLink href="/menu">Order a pizza instead</ButtonLink>}>
          <p>When a JWT Pizza admin makes you a franchisee, your stores and their revenue appear here.</p>
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-8">
          {franchises.map((franchise) => (
            <FranchisePanel
              key={franchise.id}
              franchise={franchise}
              actions={{ createStore: createStoreAction, closeStore: closeStoreAction }}
            />
          ))}
        </div>
      )}
      <ActionToast />
    </>
  );
}
