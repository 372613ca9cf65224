import type { MenuItem } from '@/lib/store/menu';
import type { FranchiseView } from '@/lib/store/franchises';

/** What the shop's client components get from the server: display data only. */
export type ShopMenuItem = Pick<MenuItem, 'id' | 'title' | 'image' | 'description' | 'priceSat'>;
export type ShopFranchise = Pick<FranchiseView, 'id' | 'name'> & { stores: { id: number; name: string }[] };

export const toShopMenu = (menu: MenuItem[]): ShopMenuItem[] =>
  menu.map(({ id, title, image, description, priceSat }) => ({ id, title, image, description, priceSat }));

export const toShopFranchises = (franchises: FranchiseView[]): ShopFranchise[] =>
  franchises.map(({ id, name, stores }) => ({ id, name, stores: stores.map((s) => ({ id: s.id, name: s.name })) }));
