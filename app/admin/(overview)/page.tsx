import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/card';
import { Price } from '@/components/ui/price';
import { requireAdmin } from '@/lib/auth/session';
import { getMenu } from '@/lib/store/menu';
import { listFranchises, withAllTimeRevenue } from '@/lib/store/franchises';
import { listUsers } from '@/lib/store/users';

export const metadata: Metadata = { title: 'Admin' };

/** Counts come from one large page of each list; beyond it we say "100+". */
const COUNT_LIMIT = 100;
const count = (n: number, more: boolean) => (more ? `${COUNT_LIMIT}+` : String(n));

export default async function AdminOverviewPage() {
  const user = await requireAdmin('/admin');
  const everything = { limit: COUNT_LIMIT, name: '*' };
  const [franchisePage, userPage, menu] = await Promise.all([
    listFranchises(user, { ...everything, page: 0 }),
    listUsers(user, { ...everything, page: 1 }),
    getMenu(),
  ]);
  const franchises = await withAllTimeRevenue(franchisePage.franchises);
  const stores = franchises.flatMap((f) => f.stores);
  const revenueSat = franchises.reduce((sum, f) => sum + f.revenue.totalSat, 0);
  const admins = userPage.users.filter((u) => u.roles.some((r) => r.role === 'admin')).length;

  const sections = [
    {
      href: '/admin/franchises',
      title: 'Franchises',
      figure: count(franchisePage.franchises.length, franchisePage.more),
      detail: (
        <>
          {stores.length} open {stores.length === 1 ? 'store' : 'stores'} · <Price sat={revenueSat} /> revenue
        </>
      ),
      blurb: 'Create and close franchises, manage their stores.',
    },
    {
      href: '/admin/users',
      title: 'Users',
      figure: count(userPage.users.length, userPage.more),
      detail: <>{admins} with admin rights</>,
      blurb: 'Find accounts, see their roles, delete accounts.',
    },
    {
      href: '/admin/menu',
      title: 'Menu',
      figure: String(menu.length),
      detail: <>pizzas on the menu</>,
      blurb: 'See the menu and add a pizza.',
    },
  ];

  return (
    <>
      <PageHeader title="Overview" subtitle={`Signed in as ${user.name}. Everything JWT Pizza, at a glance.`} />
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className="group flex h-full flex-col gap-2 rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm transition hover:border-sauce-500/40 hover:shadow-md"
            >
              <span className="flex items-baseline justify-between gap-2">
                <span className="text-lg font-semibold text-char-900 group-hover:text-sauce-700">{section.title}</span>
                <span aria-hidden="true" className="text-sauce-600 transition-transform group-hover:translate-x-0.5">
                  →
                </span>
              </span>
              <span className="text-4xl font-bold tracking-tight text-char-900 tabular-nums">{section.figure}</span>
              <span className="text-sm text-char-700">{section.detail}</span>
              <span className="mt-auto pt-2 text-sm text-char-700">{section.blurb}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
