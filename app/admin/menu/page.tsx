import type { Metadata } from 'next';
import { AddMenuItemForm } from '@/components/admin/add-menu-item-form';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Price } from '@/components/ui/price';
import { menuImageSrc } from '@/lib/api/schemas';
import { requireAdmin } from '@/lib/auth/session';
import { getMenu } from '@/lib/store/menu';
import { addMenuItemAction } from './actions';

export const metadata: Metadata = { title: 'Menu · Admin' };

export default async function AdminMenuPage() {
  await requireAdmin('/admin/menu');
  const menu = await getMenu();
  return (
    <>
      <PageHeader title="Menu" subtitle="What diners can order. Prices are charged from here, never from the client." />
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-3">
        <section aria-labelledby="menu-title" className="lg:col-span-2">
          <h2 id="menu-title" className="sr-only">
            Pizzas on the menu
          </h2>
          {menu.length === 0 ? (
            <EmptyState title="The menu is empty">
              <p>Add the first pizza with the form.</p>
            </EmptyState>
          ) : (
            <ul aria-label="Pizzas" className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              {menu.map((item) => (
                <li key={item.id} className="flex gap-4 rounded-2xl border border-char-900/10 bg-white p-4 shadow-sm">
                  <img src={menuImageSrc(item.image)} alt="" loading="lazy" className="size-20 shrink-0 rounded-xl bg-crust-100 object-cover" />
                  <div className="flex min-w-0 flex-1 flex-col gap-1">
                    <div className="flex items-baseline justify-between gap-2">
                      <h3 className="truncate font-semibold text-char-900" title={item.title}>
                        {item.title}
                      </h3>
                      <Price sat={item.priceSat} className="shrink-0 text-sm font-semibold text-sauce-700" />
                    </div>
                    <p className="text-sm text-char-700 wrap-anywhere">{item.description}</p>
                    <p className="truncate font-mono text-xs text-char-700/80" title={item.image}>
                      {item.image}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <Card className="h-fit lg:sticky lg:top-24">
          <AddMenuItemForm action={addMenuItemAction} />
        </Card>
      </div>
    </>
  );
}
