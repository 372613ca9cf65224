import type { Metadata } from 'next';
import { OrderHistory } from '@/components/shop/order-history';
import { ProfileForm } from '@/components/shop/profile-form';
import { PageHeader } from '@/components/ui/card';
import { orderListQuery } from '@/lib/api/schemas';
import { requireUser } from '@/lib/auth/session';
import { listOrders } from '@/lib/store/orders';
import type { SearchParamsProps } from '../search-params';
import { updateProfileAction } from './actions';

export const metadata: Metadata = { title: 'My orders' };

export default async function DashboardPage({ searchParams }: SearchParamsProps) {
  const user = await requireUser('/dashboard');
  const params = await searchParams;
  const page = orderListQuery.safeParse(params).data?.page ?? 1;
  const history = await listOrders(user, page);
  return (
    <>
      <PageHeader title={`Hi, ${user.name}`} subtitle="Your orders and your account." />
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <OrderHistory history={history} />
        <section aria-labelledby="profile-heading" className="self-start">
          <h2 id="profile-heading" className="mb-3 text-xl font-bold">
            Profile
          </h2>
          <ProfileForm action={updateProfileAction} name={user.name} email={user.email} passwordSaved={params.saved === 'password'} />
        </section>
      </div>
    </>
  );
}
