import { describe, expect, it } from 'vitest';
import { adminToken, call, createFranchise, login, registerUser, targets, uniqueEmail, uniqueName } from './support';

const byName = (name: string) => `/api/franchise?name=${encodeURIComponent(name)}`;

describe.each(targets())('franchises on $name', (t) => {
  describe('GET /api/franchise', () => {
    it('the public list shows franchises and stores without admins or revenue', async () => {
      const owner = await registerUser(t, 'pub-owner');
      const franchise = await createFranchise(t, [owner]);
      const res = await call(t, 'GET', byName(franchise.name));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        franchises: [{ id: franchise.id, name: franchise.name, stores: [{ id: franchise.storeId, name: franchise.storeName }] }],
        more: false,
      });
      expect(res.text).not.toContain('admins');
      expect(res.text).not.toContain('totalRevenue');
      expect(res.text).not.toContain(owner.email);
      // A diner's token sees the public view too.
      expect((await call(t, 'GET', byName(franchise.name), { token: owner.token })).body).toEqual(res.body);
    });

    it('a stale token (logged out, or not a token at all) still gets the public list, as on the old service', async () => {
      const caller = await registerUser(t, 'stale');
      const franchise = await createFranchise(t, [caller]);
      expect((await call(t, 'DELETE', '/api/auth', { token: caller.token })).status).toBe(200);
      const publicView = { franchises: [{ id: franchise.id, name: franchise.name, stores: [{ id: franchise.storeId, name: franchise.storeName }] }], more: false };
      for (const token of [caller.token, 'not-a-token']) {
        const res = await call(t, 'GET', byName(franchise.name), { token });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(publicView);
      }
    });

    it('an admin also gets admins and each store\'s totalRevenue', async () => {
      const owner = await registerUser(t, 'adm-owner');
      const franchise = await createFranchise(t, [owner]);
      const res = await call(t, 'GET', byName(franchise.name), { token: await adminToken(t) });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        franchises: [
          {
            id: franchise.id,
            name: franchise.name,
            admins: [{ id: owner.id, name: owner.name, email: owner.email }],
            stores: [{ id: franchise.storeId, name: franchise.storeName, totalRevenue: 0 }],
          },
        ],
        more: false,
      });
    });

    it('lists the seeded pizzaPocket franchise with its SLC store', async () => {
      const res = await call(t, 'GET', byName('pizzaPocket'));
      expect(res.body.franchises).toEqual([{ id: expect.any(Number), name: 'pizzaPocket', stores: [expect.objectContaining({ name: 'SLC' })] }]);
    });

    it('pages from 0 with `more`, and filters with * wildcards', async () => {
      const tag = uniqueName('paged').replace(/\s/g, '-');
      const token = await adminToken(t);
      const ids: number[] = [];
      for (const suffix of ['a', 'b', 'c']) {
        const res = await call(t, 'POST', '/api/franchise', { token, body: { name: `${tag}-${suffix}`, admins: [] } });
        ids.push(res.body.id);
      }
      const page0 = await call(t, 'GET', `/api/franchise?page=0&limit=2&name=${encodeURIComponent(`${tag}*`)}`);
      expect(page0.body.franchises.map((f: { id: number }) => f.id)).toEqual(ids.slice(0, 2));
      expect(page0.body.more).toBe(true);
      const page1 = await call(t, 'GET', `/api/franchise?page=1&limit=2&name=${encodeURIComponent(`${tag}*`)}`);
      expect(page1.body.franchises.map((f: { id: number }) => f.id)).toEqual(ids.slice(2));
      expect(page1.body.more).toBe(false);
      const onlyB = await call(t, 'GET', `/api/franchise?name=${encodeURIComponent(`*${tag}-b`)}`);
      expect(onlyB.body.franchises.map((f: { id: number }) => f.id)).toEqual([ids[1]]);
    });
  });

  describe('POST /api/franchise', () => {
    it('an admin creates a franchise; each named user becomes its franchisee', async () => {
      const owner = await registerUser(t, 'owner');
      const name = uniqueName('created');
      const res = await call(t, 'POST', '/api/franchise', { token: await adminToken(t), body: { name, admins: [{ email: owner.email }] } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: expect.any(Number), name, admins: [{ email: owner.email, id: owner.id, name: owner.name }] });
      const role = { role: 'franchisee', objectId: res.body.id };
      // Visible after a fresh login and on the token the user already had.
      const again = await login(t, owner.email, owner.password);
      expect(again.body.user.roles).toEqual(expect.arrayContaining([{ role: 'diner' }, role]));
      const me = await call(t, 'GET', '/api/user/me', { token: again.body.token });
      expect(me.body.roles).toEqual(expect.arrayContaining([{ role: 'diner' }, role]));
      expect((await call(t, 'GET', '/api/user/me', { token: owner.token })).body.roles).toContainEqual(role);
    });

    it('an unknown admin email gives 404 and creates nothing', async () => {
      const name = uniqueName('ghost');
      const res = await call(t, 'POST', '/api/franchise', { token: await adminToken(t), body: { name, admins: [{ email: uniqueEmail('ghost') }] } });
      expect(res.status).toBe(404);
      expect((await call(t, 'GET', byName(name))).body.franchises).toEqual([]);
    });

    it('a duplicate name gives 409', async () => {
      const franchise = await createFranchise(t);
      const res = await call(t, 'POST', '/api/franchise', { token: await adminToken(t), body: { name: franchise.name, admins: [] } });
      expect(res.status).toBe(409);
    });

    it('a name that differs only in letter case or surrounding spaces gives the same 409 as an exact duplicate', async () => {
      const token = await adminToken(t);
      const franchise = await createFranchise(t);
      for (const name of [franchise.name, franchise.name.toUpperCase(), ` ${franchise.name.toLowerCase()}  `]) {
        const res = await call(t, 'POST', '/api/franchise', { token, body: { name, admins: [] } });
        expect(res.status, name).toBe(409);
        expect(res.body).toEqual({ message: `a franchise called ${name.trim()} already exists` });
      }
      const seeded = await call(t, 'POST', '/api/franchise', { token, body: { name: 'PIZZAPOCKET', admins: [] } });
      expect(seeded.status).toBe(409);
      expect((await call(t, 'GET', byName(franchise.name))).body.franchises).toHaveLength(1);
    });

    it('lookalike names sent at the same time: one franchise is created, the others get 409', async () => {
      const token = await adminToken(t);
      const name = uniqueName('race');
      const variants = [name, name.toUpperCase(), ` ${name} `, name.replace(/^r/, 'R')];
      const statuses = (await Promise.all(variants.map((v) => call(t, 'POST', '/api/franchise', { token, body: { name: v, admins: [] } })))).map((r) => r.status);
      expect(statuses.sort()).toEqual([200, 409, 409, 409]);
    });

    it("a closed franchise's name can be used again", async () => {
      const token = await adminToken(t);
      const franchise = await createFranchise(t);
      expect((await call(t, 'DELETE', `/api/franchise/${franchise.id}`, { token })).status).toBe(200);
      const again = await call(t, 'POST', '/api/franchise', { token, body: { name: franchise.name, admins: [] } });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ name: franchise.name, id: expect.any(Number) });
      expect(again.body.id).not.toBe(franchise.id);
      expect((await call(t, 'POST', '/api/franchise', { token, body: { name: franchise.name, admins: [] } })).status).toBe(409);
      // Letter case aside, the rule is the same: a closed one blocks nothing.
      expect((await call(t, 'DELETE', `/api/franchise/${again.body.id}`, { token })).status).toBe(200);
      expect((await call(t, 'POST', '/api/franchise', { token, body: { name: franchise.name.toUpperCase(), admins: [] } })).status).toBe(200);
    });

    it('a diner gets 403, no token 401, a missing name 400', async () => {
      const diner = await registerUser(t, 'fr-diner');
      const body = { name: uniqueName('nope'), admins: [{ email: diner.email }] };
      expect((await call(t, 'POST', '/api/franchise', { token: diner.token, body })).status).toBe(403);
      expect((await call(t, 'POST', '/api/franchise', { body })).status).toBe(401);
      const missing = await call(t, 'POST', '/api/franchise', { token: await adminToken(t), body: { admins: [] } });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toContain('name');
      expect((await call(t, 'GET', '/api/user/me', { token: diner.token })).body.roles).toEqual([{ role: 'diner' }]);
    });
  });

  describe('GET /api/franchise/:userId', () => {
    it("a franchisee and an admin see the user's franchises with admins and revenue; another user gets 403", async () => {
      const owner = await registerUser(t, 'mine');
      const other = await registerUser(t, 'not-mine');
      const franchise = await createFranchise(t, [owner]);
      const expected = [
        {
          id: franchise.id,
          name: franchise.name,
          admins: [{ id: owner.id, name: owner.name, email: owner.email }],
          stores: [{ id: franchise.storeId, name: franchise.storeName, totalRevenue: 0 }],
        },
      ];
      const self = await call(t, 'GET', `/api/franchise/${owner.id}`, { token: owner.token });
      expect(self.status).toBe(200);
      expect(self.body).toEqual(expected);
      const admin = await call(t, 'GET', `/api/franchise/${owner.id}`, { token: await adminToken(t) });
      expect(admin.status).toBe(200);
      expect(admin.body).toEqual(expected);
      expect((await call(t, 'GET', `/api/franchise/${owner.id}`, { token: other.token })).status).toBe(403);
      expect((await call(t, 'GET', `/api/franchise/${owner.id}`)).status).toBe(401);
      expect((await call(t, 'GET', `/api/franchise/${other.id}`, { token: other.token })).body).toEqual([]);
    });

    it('a bad user id gives 400 naming userId, the parameter this endpoint documents', async () => {
      const user = await registerUser(t, 'bad-owner-id');
      const res = await call(t, 'GET', '/api/franchise/abc', { token: user.token });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^invalid path: userId: /);
    });
  });

  describe('stores', () => {
    it('the franchisee of that franchise creates and deletes a store', async () => {
      const owner = await registerUser(t, 'store-owner');
      const franchise = await createFranchise(t, [owner]);
      const created = await call(t, 'POST', `/api/franchise/${franchise.id}/store`, { token: owner.token, body: { name: 'Provo' } });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ id: expect.any(Number), franchiseId: franchise.id, name: 'Provo', totalRevenue: 0 });
      const list = await call(t, 'GET', byName(franchise.name));
      expect(list.body.franchises[0].stores).toEqual([
        { id: franchise.storeId, name: franchise.storeName },
        { id: created.body.id, name: 'Provo' },
      ]);

      const deleted = await call(t, 'DELETE', `/api/franchise/${franchise.id}/store/${created.body.id}`, { token: owner.token });
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({ message: 'store deleted' });
      const after = await call(t, 'GET', byName(franchise.name));
      expect(after.body.franchises[0].stores).toEqual([{ id: franchise.storeId, name: franchise.storeName }]);
      expect((await call(t, 'DELETE', `/api/franchise/${franchise.id}/store/${created.body.id}`, { token: owner.token })).status).toBe(404);
    });

    it('an admin creates and deletes a store in any franchise', async () => {
      const franchise = await createFranchise(t);
      const token = await adminToken(t);
      const created = await call(t, 'POST', `/api/franchise/${franchise.id}/store`, { token, body: { name: 'Orem' } });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ franchiseId: franchise.id, name: 'Orem', totalRevenue: 0 });
      const deleted = await call(t, 'DELETE', `/api/franchise/${franchise.id}/store/${created.body.id}`, { token });
      expect(deleted.body).toEqual({ message: 'store deleted' });
    });

    it('another user (even a franchisee elsewhere) gets 403 creating or deleting; no token gets 401', async () => {
      const owner = await registerUser(t, 'store-a');
      const outsider = await registerUser(t, 'store-b');
      const franchise = await createFranchise(t, [owner]);
      await createFranchise(t, [outsider]);
      const outsiderToken = (await login(t, outsider.email, outsider.password)).body.token;
      expect((await call(t, 'POST', `/api/franchise/${franchise.id}/store`, { token: outsiderToken, body: { name: 'Hijack' } })).status).toBe(403);
      expect((await call(t, 'POST', `/api/franchise/${franchise.id}/store`, { body: { name: 'Hijack' } })).status).toBe(401);
      expect((await call(t, 'DELETE', `/api/franchise/${franchise.id}/store/${franchise.storeId}`, { token: outsiderToken })).status).toBe(403);
      expect((await call(t, 'DELETE', `/api/franchise/${franchise.id}/store/${franchise.storeId}`)).status).toBe(401);
      const list = await call(t, 'GET', byName(franchise.name));
      expect(list.body.franchises[0].stores).toEqual([{ id: franchise.storeId, name: franchise.storeName }]);
    });

    it('a duplicate store name in one franchise gives 409; a store of another franchise cannot be deleted through this one', async () => {
      const a = await createFranchise(t);
      const b = await createFranchise(t);
      const token = await adminToken(t);
      expect((await call(t, 'POST', `/api/franchise/${a.id}/store`, { token, body: { name: a.storeName } })).status).toBe(409);
      expect((await call(t, 'DELETE', `/api/franchise/${a.id}/store/${b.storeId}`, { token })).status).toBe(404);
      expect((await call(t, 'GET', byName(b.name))).body.franchises[0].stores).toHaveLength(1);
    });

    it('a store name that differs only in letter case or surrounding spaces gives the same 409; other franchises and closed stores do not count', async () => {
      const a = await createFranchise(t);
      const b = await createFranchise(t);
      const token = await adminToken(t);
      const post = (franchiseId: number, name: string) => call(t, 'POST', `/api/franchise/${franchiseId}/store`, { token, body: { name } });
      for (const name of [a.storeName, a.storeName.toUpperCase(), ` ${a.storeName.toLowerCase()} `]) {
        const res = await post(a.id, name);
        expect(res.status, name).toBe(409);
        expect(res.body).toEqual({ message: `${a.name} already has a store called ${name.trim()}` });
      }
      expect((await post(b.id, 'MAIN ST')).status).toBe(409);
      const slc = await post(b.id, 'SLC');
      expect(slc.status).toBe(200);
      expect((await post(b.id, 'slc')).status).toBe(409);
      expect((await call(t, 'DELETE', `/api/franchise/${b.id}/store/${slc.body.id}`, { token })).status).toBe(200);
      expect((await post(b.id, 'slc')).body).toMatchObject({ name: 'slc', franchiseId: b.id });
      expect((await post(a.id, 'Slc')).status).toBe(200);
      const stores = async (name: string) => (await call(t, 'GET', byName(name))).body.franchises[0].stores.map((s: { name: string }) => s.name);
      expect(await stores(a.name)).toEqual([a.storeName, 'Slc']);
      expect(await stores(b.name)).toEqual([b.storeName, 'slc']);
    });

    it('lookalike store names sent at the same time: one store is created, the others get 409', async () => {
      const franchise = await createFranchise(t);
      const token = await adminToken(t);
      const variants = ['Downtown', 'DOWNTOWN', 'downtown', ' Downtown '];
      const statuses = (await Promise.all(variants.map((name) => call(t, 'POST', `/api/franchise/${franchise.id}/store`, { token, body: { name } })))).map((r) => r.status);
      expect(statuses.sort()).toEqual([200, 409, 409, 409]);
    });
  });

  describe('DELETE /api/franchise/:franchiseId', () => {
    it('an admin deletes a franchise: message, gone from the list, franchisees lose the role', async () => {
      const owner = await registerUser(t, 'closing');
      const franchise = await createFranchise(t, [owner]);
      const res = await call(t, 'DELETE', `/api/franchise/${franchise.id}`, { token: await adminToken(t) });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'franchise deleted' });
      expect((await call(t, 'GET', byName(franchise.name))).body.franchises).toEqual([]);
      expect((await call(t, 'GET', '/api/user/me', { token: owner.token })).body.roles).toEqual([{ role: 'diner' }]);
      expect((await call(t, 'GET', `/api/franchise/${owner.id}`, { token: owner.token })).body).toEqual([]);
      expect((await call(t, 'DELETE', `/api/franchise/${franchise.id}`, { token: await adminToken(t) })).status).toBe(404);
    });

    it('needs authentication (401; the old service allowed this) and an admin (403, even for its franchisee)', async () => {
      const owner = await registerUser(t, 'keep');
      const franchise = await createFranchise(t, [owner]);
      expect((await call(t, 'DELETE', `/api/franchise/${franchise.id}`)).status).toBe(401);
      expect((await call(t, 'DELETE', `/api/franchise/${franchise.id}`, { token: owner.token })).status).toBe(403);
      const diner = await registerUser(t, 'keep-diner');
      expect((await call(t, 'DELETE', `/api/franchise/${franchise.id}`, { token: diner.token })).status).toBe(403);
      expect((await call(t, 'GET', byName(franchise.name))).body.franchises).toHaveLength(1);
    });
  });
});
