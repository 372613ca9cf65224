import { describe, expect, it } from 'vitest';
import { adminToken, call, registerUser, targets, uniqueName, type MenuEntry } from './support';

const SEED = [
  { title: 'Veggie', price: 0.0038 },
  { title: 'Pepperoni', price: 0.0042 },
  { title: 'Margarita', price: 0.0042 },
  { title: 'Crusty', price: 0.0028 },
  { title: 'Charred Leopard', price: 0.0099 },
];

const newItem = (price: unknown = 0.00012345): { title: string; description: string; image: string; price?: unknown } => ({
  title: uniqueName('Student'),
  description: 'No topping, no sauce, just carbs',
  image: '/pizzas/crusty.svg',
  price,
});

describe.each(targets())('menu on $name', (t) => {
  it('GET /api/order/menu is public and lists the seeded pizzas with their prices, in the contract shape', async () => {
    const res = await call<MenuEntry[]>(t, 'GET', '/api/order/menu');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    for (const item of res.body) {
      expect(Object.keys(item).sort()).toEqual(['description', 'id', 'image', 'price', 'title']);
      expect(item).toEqual({ id: expect.any(Number), title: expect.any(String), image: expect.any(String), price: expect.any(Number), description: expect.any(String) });
    }
    // Seeded first, in order (other tests may have added items after them).
    expect(res.body.slice(0, 5).map(({ title, price }) => ({ title, price }))).toEqual(SEED);
    expect(res.text).toContain('"price":0.0038');
  });

  it('an admin adds a pizza: PUT returns the whole menu with it, and the next GET shows it at once', async () => {
    const item = newItem();
    const res = await call<MenuEntry[]>(t, 'PUT', '/api/order/menu', { token: await adminToken(t), body: item });
    expect(res.status).toBe(200);
    expect(res.body.slice(0, 5).map((m) => m.title)).toEqual(SEED.map((s) => s.title));
    const added = res.body.find((m) => m.title === item.title);
    expect(added).toEqual({ id: expect.any(Number), ...item });
    const menu = await call<MenuEntry[]>(t, 'GET', '/api/order/menu');
    expect(menu.body.find((m) => m.title === item.title)).toEqual(added);
    expect(menu.body.find((m) => m.title === item.title)!.price).toBe(0.00012345);
  });

  it('a diner gets 403 and no token gets 401; the menu is unchanged', async () => {
    const diner = await registerUser(t, 'menu-diner');
    const item = newItem();
    expect((await call(t, 'PUT', '/api/order/menu', { token: diner.token, body: item })).status).toBe(403);
    expect((await call(t, 'PUT', '/api/order/menu', { body: item })).status).toBe(401);
    const menu = await call<MenuEntry[]>(t, 'GET', '/api/order/menu');
    expect(menu.body.some((m) => m.title === item.title)).toBe(false);
  });

  it.each([
    ['a string', '0.0038'],
    ['negative', -0.0038],
    ['zero', 0],
    ['9 decimals', 0.000000001],
    ['more than 1 ₿', 1.5],
    ['missing', undefined],
  ])('a price that is %s gives 400 naming price', async (_label, price) => {
    const item = { ...newItem(), price };
    if (price === undefined) delete item.price;
    const res = await call(t, 'PUT', '/api/order/menu', { token: await adminToken(t), body: item });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('price');
    const menu = await call<MenuEntry[]>(t, 'GET', '/api/order/menu');
    expect(menu.body.some((m) => m.title === item.title)).toBe(false);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example/p.png'])('an image of %s gives 400 naming image, and nothing is added', async (image) => {
    const item = { ...newItem(), image };
    const res = await call(t, 'PUT', '/api/order/menu', { token: await adminToken(t), body: item });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('image: must be a path on this site');
    const menu = await call<MenuEntry[]>(t, 'GET', '/api/order/menu');
    expect(menu.body.some((m) => m.title === item.title)).toBe(false);
  });

  it('a missing title gives 400 and a duplicate title gives 409', async () => {
    const token = await adminToken(t);
    const { title: _omit, ...noTitle } = newItem();
    const missing = await call(t, 'PUT', '/api/order/menu', { token, body: noTitle });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('title');
    expect((await call(t, 'PUT', '/api/order/menu', { token, body: { ...newItem(), title: 'Veggie' } })).status).toBe(409);
  });

  it('a title that differs only in letter case or surrounding spaces gives the same 409 as an exact duplicate, and adds nothing', async () => {
    const token = await adminToken(t);
    const item = newItem();
    expect((await call(t, 'PUT', '/api/order/menu', { token, body: item })).status).toBe(200);
    for (const title of [item.title, item.title.toUpperCase(), `  ${item.title.toLowerCase()} `, 'veggie', 'VEGGIE']) {
      const res = await call(t, 'PUT', '/api/order/menu', { token, body: { ...newItem(), title } });
      expect(res.status, title).toBe(409);
      expect(res.body).toEqual({ message: `the menu already has a pizza called ${title.trim()}` });
    }
    const menu = await call<MenuEntry[]>(t, 'GET', '/api/order/menu');
    expect(menu.body.filter((m) => m.title.toLowerCase() === item.title.toLowerCase())).toHaveLength(1);
    expect(menu.body.filter((m) => m.title.toLowerCase() === 'veggie')).toHaveLength(1);
  });

  it('lookalike titles sent at the same time: one is added, the others get 409', async () => {
    const token = await adminToken(t);
    const title = uniqueName('Race');
    const variants = [title, title.toUpperCase(), title.toLowerCase(), ` ${title} `];
    const statuses = (await Promise.all(variants.map((v) => call(t, 'PUT', '/api/order/menu', { token, body: { ...newItem(), title: v } })))).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 409, 409, 409]);
  });
});
