import 'server-only';
import { toShopFranchises, toShopMenu } from '@/components/shop/types';
import { listFranchises } from '@/lib/store/franchises';
import { getMenu } from '@/lib/store/menu';

/** The menu and every open store, as the menu and checkout pages show them. */
export async function loadShop() {
  const [menu, { franchises }] = await Promise.all([getMenu(), listFranchises(undefined, { page: 0, limit: 100, name: '*' })]);
  return { menu: toShopMenu(menu), franchises: toShopFranchises(franchises) };
}
