import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { btcToSat } from './money';
import { nameKey } from './names';

/** Seed data for a first start. Every step is idempotent; unique keys guard concurrent starters. */

export const SEED_MENU = [
  { title: 'Veggie', price: 0.0038, image: '/pizzas/veggie.svg', description: 'A garden of delight' },
  { title: 'Pepperoni', price: 0.0042, image: '/pizzas/pepperoni.svg', description: 'Spicy treat' },
  { title: 'Margarita', price: 0.0042, image: '/pizzas/margarita.svg', description: 'Essential classic' },
  { title: 'Crusty', price: 0.0028, image: '/pizzas/crusty.svg', description: 'A dry mouthed favorite' },
  { title: 'Charred Leopard', price: 0.0099, image: '/pizzas/charred-leopard.svg', description: 'For those with a darker side' },
];

/** Demo accounts, labelled as seed data. Shown on the sign-in page in demo mode. */
export const DEMO_USERS = {
  diner: { name: 'Demo Diner (seed data)', email: 'diner@demo.jwt.pizza', password: 'demo-diner-pass' },
  franchisee: { name: 'Demo Franchisee (seed data)', email: 'franchisee@demo.jwt.pizza', password: 'demo-franchisee-pass' },
} as const;

const ignoreDuplicate = (error: unknown) => {
  if ((error as { code?: string }).code !== 'P2002') throw error;
};

async function seedMenu(): Promise<void> {
  if ((await db.menuItem.count()) > 0) return;
  for (const item of SEED_MENU) {
    await db.menuItem
      .create({ data: { title: item.title, titleKey: nameKey(item.title), description: item.description, image: item.image, priceSat: btcToSat(item.price) } })
      .catch(ignoreDuplicate);
  }
}

async function seedFranchise(): Promise<number | undefined> {
  if ((await db.franchise.count()) === 0) {
    await db.franchise
      .create({ data: { name: 'pizzaPocket', nameKey: nameKey('pizzaPocket'), stores: { create: { name: 'SLC', nameKey: nameKey('SLC') } } } })
      .catch(ignoreDuplicate);
  }
  return (await db.franchise.findFirst({ where: { name: 'pizzaPocket', closedAt: null } }))?.id;
}

async function ensureUser(
  user: { name: string; email: string; password: string },
  roles: { role: string; franchiseId?: number }[],
): Promise<boolean> {
  if (await db.user.findUnique({ where: { email: user.email } })) return false;
  const passwordHash = await hashPassword(user.password, env().passwordHashCost);
  try {
    await db.user.create({ data: { name: user.name, email: user.email, passwordHash, roles: { create: roles } } });
    return true;
  } catch (error) {
    ignoreDuplicate(error);
    return false;
  }
}

/** The admin comes from ADMIN_EMAIL/ADMIN_PASSWORD; without a password one is generated and printed once. */
async function seedAdmin(): Promise<void> {
  const { adminEmail, adminPassword, dataDir } = env();
  const password = adminPassword ?? randomBytes(18).toString('base64url');
  const created = await ensureUser({ name: 'Administrator', email: adminEmail, password }, [{ role: 'admin' }]);
  if (created && !adminPassword) {
    mkdirSync(path.join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
    const file = path.join(dataDir, 'secrets', 'ADMIN_PASSWORD');
    writeFileSync(file, password, { mode: 0o600 });
    // Printed once, at creation, for the person starting the app; also kept in DATA_DIR.
    process.stdout.write(`\nAdmin account created: ${adminEmail}\nIts generated password (also in ${file}): ${password}\n\n`);
  }
}

export async function seed(): Promise<void> {
  await seedMenu();
  const franchiseId = await seedFranchise();
  await seedAdmin();
  if (env().seedDemo) {
    await ensureUser(DEMO_USERS.diner, [{ role: 'diner' }]);
    await ensureUser(
      DEMO_USERS.franchisee,
      franchiseId ? [{ role: 'diner' }, { role: 'franchisee', franchiseId }] : [{ role: 'diner' }],
    );
  }
  log.info('seed checked', { demo: env().seedDemo });
}
