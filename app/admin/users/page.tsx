import type { Metadata } from 'next';
import { ConfirmAction } from '@/components/admin/confirm-action';
import { NameFilter } from '@/components/admin/name-filter';
import { Pagination } from '@/components/admin/pagination';
import { RoleBadges } from '@/components/admin/role-badges';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { userListQuery } from '@/lib/api/schemas';
import { requireAdmin } from '@/lib/auth/session';
import { franchiseNames } from '@/lib/store/franchises';
import { listUsers } from '@/lib/store/users';
import { deleteUserAction } from './actions';

export const metadata: Metadata = { title: 'Users · Admin' };

const PAGE_SIZE = 10;
const columns = 'md:grid md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_minmax(0,1fr)_auto] md:items-center md:gap-4';

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin('/admin/users');
  const parsed = userListQuery.safeParse(await searchParams);
  const query = { ...(parsed.success ? parsed.data : userListQuery.parse({})), limit: PAGE_SIZE };
  const { users, more } = await listUsers(admin, query);
  const franchiseIds = users.flatMap((u) => u.roles.flatMap((r) => (r.role === 'franchisee' ? [r.objectId] : [])));
  const franchises = await franchiseNames(admin, [...new Set(franchiseIds)]);
  const filtered = query.name !== '*' && query.name !== '';

  return (
    <>
      <PageHeader title="Users" subtitle="Everyone with an account, and what they may do." />
      <NameFilter basePath="/admin/users" name={query.name} label="Filter users by name" />
      {users.length === 0 ? (
        <EmptyState
          title={filtered ? `No user matches “${query.name}”` : 'No users on this page'}
          action={
            <ButtonLink href="/admin/users" variant="secondary">
              Show all users
            </ButtonLink>
          }
        />
      ) : (
        <div className="overflow-hidden rounded-2xl border border-char-900/10 bg-white shadow-sm">
          <div aria-hidden="true" className={`hidden border-b border-char-900/10 bg-crust-100/60 px-5 py-2.5 text-sm font-medium text-char-700 ${columns}`}>
            <span>Name</span>
            <span>Email</span>
            <span>Roles</span>
            <span className="w-20" />
          </div>
          <ul aria-label="Users" className="divide-y divide-char-900/10">
            {users.map((user) => (
              <li key={user.id} className={`flex flex-col gap-2 px-5 py-4 ${columns}`}>
                <span className="font-semibold text-char-900">
                  {user.name}
                  {user.id === admin.id && <span className="ml-2 text-sm font-normal text-char-700">(you)</span>}
                </span>
                <span className="break-all text-sm text-char-800">{user.email}</span>
                <RoleBadges roles={user.roles} franchiseNames={franchises} />
                <div className="md:w-20 md:text-right">
                  {/* The server refuses it too (lib/store/users.ts); no button that can only fail. */}
                  {user.id !== admin.id && (
                    <ConfirmAction
                      action={deleteUserAction}
                      fields={{ userId: user.id }}
                      triggerLabel="Delete"
                      triggerName={`Delete user ${user.name}`}
                      title={`Delete ${user.name}?`}
                      confirmLabel="Delete user"
                      pendingLabel="Deleting…"
                    >
                      <p>
                        <strong className="text-char-900">{user.email}</strong> can no longer sign in, and their roles are removed. Orders they
                        placed stay in the stores&apos; revenue. This can&apos;t be undone.
                      </p>
                    </ConfirmAction>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Pagination basePath="/admin/users" page={query.page} firstPage={1} hasMore={more} query={filtered ? { name: query.name } : {}} />
    </>
  );
}
