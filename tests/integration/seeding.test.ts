import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@/lib/store/seed';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, login, targets } from './support';

/**
 * The shared servers: SQLite runs with SEED_DEMO=on, PostgreSQL with SEED_DEMO unset (its
 * default is off). Seeding without ADMIN_PASSWORD is covered in restart.test.ts.
 */
describe.each(targets())('seed data on $name', (t) => {
  it('the admin from ADMIN_EMAIL / ADMIN_PASSWORD signs in as an admin; no well-known password works', async () => {
    const res = await login(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: expect.any(Number), name: expect.any(String), email: ADMIN_EMAIL, roles: [{ role: 'admin' }] });
    for (const guess of ['admin', 'password', 'toomanysecrets', 'admin-password']) {
      expect((await login(t, ADMIN_EMAIL, guess)).status).toBe(401);
    }
  });

  it('the menu and the pizzaPocket franchise with its SLC store are seeded once', async () => {
    const menu = await call(t, 'GET', '/api/order/menu');
    const titles = menu.body.map((m: { title: string }) => m.title);
    for (const title of ['Veggie', 'Pepperoni', 'Margarita', 'Crusty', 'Charred Leopard']) {
      expect(titles.filter((x: string) => x === title)).toHaveLength(1);
    }
    const franchises = await call(t, 'GET', '/api/franchise?name=pizzaPocket');
    expect(franchises.body.franchises).toEqual([{ id: expect.any(Number), name: 'pizzaPocket', stores: [{ id: expect.any(Number), name: 'SLC' }] }]);
  });

  if (t.name === 'sqlite') {
    it('with SEED_DEMO=on the demo diner and franchisee sign in, labelled as seed data', async () => {
      const diner = await login(t, DEMO_USERS.diner.email, DEMO_USERS.diner.password);
      expect(diner.status).toBe(200);
      expect(diner.body.user).toMatchObject({ name: expect.stringContaining('seed data'), roles: [{ role: 'diner' }] });
      const franchisee = await login(t, DEMO_USERS.franchisee.email, DEMO_USERS.franchisee.password);
      expect(franchisee.status).toBe(200);
      const pocket = (await call(t, 'GET', '/api/franchise?name=pizzaPocket')).body.franchises[0];
      expect(franchisee.body.user.roles).toEqual(expect.arrayContaining([{ role: 'franchisee', objectId: pocket.id }]));
    });
  } else {
    it('without SEED_DEMO, PostgreSQL has no demo users', async () => {
      expect((await login(t, DEMO_USERS.diner.email, DEMO_USERS.diner.password)).status).toBe(401);
      expect((await login(t, DEMO_USERS.franchisee.email, DEMO_USERS.franchisee.password)).status).toBe(401);
    });
  }
});
