import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, createFranchise, decodeJwt, menuByTitle, order, registerUser, targets, type MenuEntry } from './support';

describe.each(targets())('orders on $name', (t) => {
  let menu: Map<string, MenuEntry>;
  let veggie: MenuEntry;
  let leopard: MenuEntry;
  beforeAll(async () => {
    menu = await menuByTitle(t);
    veggie = menu.get('Veggie')!;
    leopard = menu.get('Charred Leopard')!;
  });

  async function jwks(): Promise<JSONWebKeySet> {
    const res = await call(t, 'GET', '/factory/.well-known/jwks.json');
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('POST /api/order', () => {
    it('records the order and returns it with the signed pizza, in the contract shape', async () => {
      const diner = await registerUser(t, 'order');
      const franchise = await createFranchise(t);
      const res = await order(t, diner.token, franchise, [veggie.id, leopard.id]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        order: {
          franchiseId: franchise.id,
          storeId: franchise.storeId,
          items: [
            { menuId: veggie.id, description: 'Veggie', price: 0.0038 },
            { menuId: leopard.id, description: 'Charred Leopard', price: 0.0099 },
          ],
          id: expect.any(Number),
          status: 'fulfilled', // an extra field; the contract allows additions
        },
        jwt: expect.any(String),
      });
    });

    it('ignores forged prices and descriptions: the order and the pizza carry the menu price and title', async () => {
      const diner = await registerUser(t, 'forger');
      const franchise = await createFranchise(t);
      const res = await call(t, 'POST', '/api/order', {
        token: diner.token,
        body: { franchiseId: franchise.id, storeId: franchise.storeId, items: [{ menuId: leopard.id, description: 'free', price: 0.0000001 }] },
      });
      expect(res.status).toBe(200);
      const expectedItems = [{ menuId: leopard.id, description: 'Charred Leopard', price: 0.0099 }];
      expect(res.body.order.items).toEqual(expectedItems);
      expect(decodeJwt(res.body.jwt).payload.order.items).toEqual(expectedItems);
      expect(res.text).not.toContain('"free"');
      const history = await call(t, 'GET', '/api/order', { token: diner.token });
      expect(history.body.orders[0].items).toEqual([{ id: expect.any(Number), ...expectedItems[0] }]);
      const admin = await call(t, 'GET', `/api/franchise?name=${encodeURIComponent(franchise.name)}`, { token: await adminToken(t) });
      expect(admin.body.franchises[0].stores[0].totalRevenue).toBe(0.0099);
    });

    it('the pizza verifies with only the factory JWKS and carries vendor, diner, order, iat, exp, iss', async () => {
      const diner = await registerUser(t, 'verify');
      const franchise = await createFranchise(t);
      const res = await order(t, diner.token, franchise, [veggie.id]);
      expect(res.status).toBe(200);
      const keys = await jwks();
      const { payload, protectedHeader } = await jwtVerify(res.body.jwt, createLocalJWKSet(keys), { algorithms: ['RS256'] });
      expect(protectedHeader.alg).toBe('RS256');
      expect(protectedHeader.kid).toEqual(expect.any(String));
      expect(keys.keys.map((k) => k.kid)).toContain(protectedHeader.kid);
      expect(payload).toEqual({
        vendor: { id: expect.any(Number), name: expect.any(String) },
        diner: { id: diner.id, name: diner.name, email: diner.email },
        order: {
          id: res.body.order.id,
          franchiseId: franchise.id,
          storeId: franchise.storeId,
          items: [{ menuId: veggie.id, description: 'Veggie', price: 0.0038 }],
        },
        iat: expect.any(Number),
        exp: expect.any(Number),
        iss: expect.any(String),
      });
      expect(payload.exp!).toBeGreaterThan(payload.iat!);
    });

    it('an unknown menu item gives 400 and no order is written', async () => {
      const diner = await registerUser(t, 'unknown-menu');
      const franchise = await createFranchise(t);
      expect((await order(t, diner.token, franchise, [veggie.id])).status).toBe(200);
      const before = await call(t, 'GET', '/api/order', { token: diner.token });
      const res = await order(t, diner.token, franchise, [veggie.id, 99_999_999]);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('99999999');
      const after = await call(t, 'GET', '/api/order', { token: diner.token });
      expect(after.body).toEqual(before.body);
      const admin = await call(t, 'GET', `/api/franchise?name=${encodeURIComponent(franchise.name)}`, { token: await adminToken(t) });
      expect(admin.body.franchises[0].stores[0].totalRevenue).toBe(0.0038);
    });

    it('a store that is not in the franchise gives 400; an unknown store gives 404; a closed store gives 404', async () => {
      const diner = await registerUser(t, 'wrong-store');
      const a = await createFranchise(t);
      const b = await createFranchise(t);
      const mismatch = await order(t, diner.token, { id: a.id, storeId: b.storeId }, [veggie.id]);
      expect(mismatch.status).toBe(400);
      expect((await order(t, diner.token, { id: a.id, storeId: 99_999_999 }, [veggie.id])).status).toBe(404);
      await call(t, 'DELETE', `/api/franchise/${b.id}/store/${b.storeId}`, { token: await adminToken(t) });
      expect((await order(t, diner.token, b, [veggie.id])).status).toBe(404);
      expect((await call(t, 'GET', '/api/order', { token: diner.token })).body.orders).toEqual([]);
    });

    it('0 items and 21 items give 400; 20 items are fine', async () => {
      const diner = await registerUser(t, 'count');
      const franchise = await createFranchise(t);
      const none = await order(t, diner.token, franchise, []);
      expect(none.status).toBe(400);
      expect(none.body.message).toContain('items');
      expect((await order(t, diner.token, franchise, Array(21).fill(veggie.id))).status).toBe(400);
      expect((await call(t, 'GET', '/api/order', { token: diner.token })).body.orders).toEqual([]);
      const twenty = await order(t, diner.token, franchise, Array(20).fill(veggie.id));
      expect(twenty.status).toBe(200);
      expect(twenty.body.order.items).toHaveLength(20);
    });

    it('needs a token (401) and well-formed input (400)', async () => {
      const diner = await registerUser(t, 'order-bad');
      expect((await call(t, 'POST', '/api/order', { body: { franchiseId: 1, storeId: 1, items: [{ menuId: veggie.id }] } })).status).toBe(401);
      for (const body of [
        { storeId: 1, items: [{ menuId: veggie.id }] },
        { franchiseId: 'one', storeId: 1, items: [{ menuId: veggie.id }] },
        { franchiseId: 1, storeId: 1, items: 'veggie' },
        { franchiseId: 1, storeId: 1, items: [{ menuId: -1 }] },
      ]) {
        expect((await call(t, 'POST', '/api/order', { token: diner.token, body })).status, JSON.stringify(body)).toBe(400);
      }
    });
  });

  describe('GET /api/order and /api/order/:id', () => {
    it('lists a diner\'s orders newest first, 10 a page, echoing page and dinerId', async () => {
      const diner = await registerUser(t, 'history');
      const franchise = await createFranchise(t);
      const ids: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await order(t, diner.token, franchise, [i % 2 ? leopard.id : veggie.id]);
        expect(res.status).toBe(200);
        ids.push(res.body.order.id);
      }
      const newestFirst = [...ids].reverse();
      const page1 = await call(t, 'GET', '/api/order?page=1', { token: diner.token });
      expect(page1.status).toBe(200);
      expect(page1.body).toMatchObject({ dinerId: diner.id, page: 1, more: true });
      expect(page1.body.orders.map((o: { id: number }) => o.id)).toEqual(newestFirst.slice(0, 10));
      expect(page1.body.orders[0]).toEqual({
        id: ids[10],
        franchiseId: franchise.id,
        storeId: franchise.storeId,
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        status: 'fulfilled',
        items: [{ id: expect.any(Number), menuId: veggie.id, description: 'Veggie', price: 0.0038 }],
      });
      const page2 = await call(t, 'GET', '/api/order?page=2', { token: diner.token });
      expect(page2.body).toMatchObject({ dinerId: diner.id, page: 2, more: false });
      expect(page2.body.orders.map((o: { id: number }) => o.id)).toEqual([ids[0]]);
      const unpaged = await call(t, 'GET', '/api/order', { token: diner.token });
      expect(unpaged.body.page).toBe(1);
      expect(unpaged.body.orders.map((o: { id: number }) => o.id)).toEqual(newestFirst.slice(0, 10));
      // Another diner sees none of them.
      const other = await registerUser(t, 'history-other');
      expect((await call(t, 'GET', '/api/order', { token: other.token })).body).toEqual({ dinerId: other.id, orders: [], page: 1, more: false });
      expect((await call(t, 'GET', '/api/order')).status).toBe(401);
    });

    it('an order is visible to its diner (with its pizza) and an admin; another diner gets 404', async () => {
      const diner = await registerUser(t, 'one-order');
      const other = await registerUser(t, 'snoop');
      const franchise = await createFranchise(t);
      const placed = await order(t, diner.token, franchise, [veggie.id]);
      const id = placed.body.order.id;
      const mine = await call(t, 'GET', `/api/order/${id}`, { token: diner.token });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({
        id,
        franchiseId: franchise.id,
        storeId: franchise.storeId,
        status: 'fulfilled',
        jwt: placed.body.jwt,
        items: [{ menuId: veggie.id, description: 'Veggie', price: 0.0038 }],
      });
      expect((await call(t, 'GET', `/api/order/${id}`, { token: await adminToken(t) })).body.id).toBe(id);
      const snooped = await call(t, 'GET', `/api/order/${id}`, { token: other.token });
      expect(snooped.status).toBe(404);
      expect(snooped.text).not.toContain(placed.body.jwt);
      expect((await call(t, 'GET', `/api/order/${id}`)).status).toBe(401);
    });
  });

  describe('revenue', () => {
    it("a store's revenue is the exact sum of its ordered menu prices, and survives deleting the diner", async () => {
      const owner = await registerUser(t, 'rev-owner');
      const diner = await registerUser(t, 'rev-diner');
      const franchise = await createFranchise(t, [owner]);
      expect((await order(t, diner.token, franchise, [veggie.id, veggie.id])).status).toBe(200);
      expect((await order(t, diner.token, franchise, [veggie.id])).status).toBe(200);
      expect((await order(t, diner.token, franchise, [leopard.id])).status).toBe(200);
      const admin = await adminToken(t);
      const listed = await call(t, 'GET', `/api/franchise?name=${encodeURIComponent(franchise.name)}`, { token: admin });
      // 3 × 0.0038 + 0.0099, summed in satoshi: exactly 0.0213.
      expect(listed.body.franchises[0].stores).toEqual([{ id: franchise.storeId, name: franchise.storeName, totalRevenue: 0.0213 }]);
      expect(listed.text).toContain('"totalRevenue":0.0213');
      const own = await call(t, 'GET', `/api/franchise/${owner.id}`, { token: owner.token });
      expect(own.body[0].stores[0].totalRevenue).toBe(0.0213);

      expect((await call(t, 'DELETE', `/api/user/${diner.id}`, { token: admin })).status).toBe(200);
      const after = await call(t, 'GET', `/api/franchise?name=${encodeURIComponent(franchise.name)}`, { token: admin });
      expect(after.body.franchises[0].stores[0].totalRevenue).toBe(0.0213);
    });

    it('sums many orders without floating-point drift', async () => {
      const diner = await registerUser(t, 'rev-many');
      const franchise = await createFranchise(t);
      const titles = ['Veggie', 'Pepperoni', 'Margarita', 'Crusty', 'Charred Leopard'];
      // 4 orders × the 5 pizzas × 4 each = 16 of each: 16 × 0.0249 = 0.3984
      for (let i = 0; i < 4; i++) {
        const res = await order(t, diner.token, franchise, titles.flatMap((title) => Array(4).fill(menu.get(title)!.id)));
        expect(res.status).toBe(200);
      }
      const listed = await call(t, 'GET', `/api/franchise?name=${encodeURIComponent(franchise.name)}`, { token: await adminToken(t) });
      expect(listed.body.franchises[0].stores[0].totalRevenue).toBe(0.3984);
    });
  });
});
