import 'server-only';
import type { AuthUser } from '@/lib/auth/roles';
import type { MenuItemInput } from '@/lib/api/schemas';
import { cached, invalidate } from '@/lib/cache';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { assertAdmin } from './access';
import { btcToSat, satToBtc } from './money';
import { conflictIfDuplicate, nameKey } from './names';

export interface MenuItem {
  id: number;
  title: string;
  image: string;
  price: number;
  description: string;
  priceSat: number;
}

const MENU_KEY = 'menu';

/** The menu, cached: every order reads it, and it changes rarely. */
export function getMenu(): Promise<MenuItem[]> {
  return cached(MENU_KEY, env().cacheTtlMs, async () => {
    const rows = await db.menuItem.findMany({ orderBy: { id: 'asc' } });
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      image: r.image,
      price: satToBtc(r.priceSat),
      description: r.description,
      priceSat: r.priceSat,
    }));
  });
}

/** The menu as the REST contract shows it. */
export const publicMenu = (menu: MenuItem[]) =>
  menu.map(({ id, title, image, price, description }) => ({ id, title, image, price, description }));

export async function addMenuItem(actor: AuthUser | undefined, input: MenuItemInput): Promise<MenuItem[]> {
  assertAdmin(actor);
  await db.menuItem
    .create({
      data: { title: input.title, titleKey: nameKey(input.title), description: input.description, image: input.image, priceSat: btcToSat(input.price) },
    })
    .catch(conflictIfDuplicate(`the menu already has a pizza called ${input.title}`));
  invalidate(MENU_KEY);
  return getMenu();
}
