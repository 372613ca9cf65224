import { describe, expect, it } from 'vitest';
import { adminToken, call, login, registerUser, targets, uniqueEmail, uniqueName } from './support';

describe.each(targets())('users on $name', (t) => {
  describe('PUT /api/user/:userId', () => {
    it('a user updates their own name and gets a fresh token; the new name is visible', async () => {
      const user = await registerUser(t, 'upd');
      const res = await call(t, 'PUT', `/api/user/${user.id}`, { token: user.token, body: { name: 'Renamed Diner' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: user.id, name: 'Renamed Diner', email: user.email, roles: [{ role: 'diner' }] },
        token: expect.any(String),
      });
      expect(res.body.token).not.toBe(user.token);
      const me = await call(t, 'GET', '/api/user/me', { token: res.body.token });
      expect(me.status).toBe(200);
      expect(me.body.name).toBe('Renamed Diner');
      expect((await login(t, user.email, user.password)).body.user.name).toBe('Renamed Diner');
    });

    it('changing the email and password: the new ones sign in, the old ones do not, old tokens stop working', async () => {
      const user = await registerUser(t, 'creds');
      const email = uniqueEmail('creds-new');
      const res = await call(t, 'PUT', `/api/user/${user.id}`, { token: user.token, body: { email, password: 'brand-new-password' } });
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(email);
      expect((await login(t, email, 'brand-new-password')).status).toBe(200);
      expect((await login(t, user.email, user.password)).status).toBe(401);
      expect((await login(t, email, user.password)).status).toBe(401);
      expect((await call(t, 'GET', '/api/user/me', { token: user.token })).status).toBe(401);
      expect((await call(t, 'GET', '/api/user/me', { token: res.body.token })).status).toBe(200);
    });

    it("taking another account's email gives 409", async () => {
      const [a, b] = await Promise.all([registerUser(t, 'taken-a'), registerUser(t, 'taken-b')]);
      const res = await call(t, 'PUT', `/api/user/${a.id}`, { token: a.token, body: { email: b.email } });
      expect(res.status).toBe(409);
      expect((await call(t, 'GET', '/api/user/me', { token: a.token })).body.email).toBe(a.email);
    });

    it('a diner cannot update another user: 403, and nothing changes', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'upd-a'), registerUser(t, 'upd-b')]);
      const res = await call(t, 'PUT', `/api/user/${b.id}`, { token: a.token, body: { name: 'hijacked', password: 'hijacked-password' } });
      expect(res.status).toBe(403);
      const me = await call(t, 'GET', '/api/user/me', { token: b.token });
      expect(me.body.name).toBe(b.name);
      expect((await login(t, b.email, b.password)).status).toBe(200);
    });

    it('an admin can update another user', async () => {
      const user = await registerUser(t, 'by-admin');
      const res = await call(t, 'PUT', `/api/user/${user.id}`, { token: await adminToken(t), body: { name: 'Set By Admin' } });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: user.id, name: 'Set By Admin' });
      expect((await call(t, 'GET', '/api/user/me', { token: user.token })).body.name).toBe('Set By Admin');
    });

    it('an unknown user gives 404 "user not found", as DELETE says it', async () => {
      const token = await adminToken(t);
      const gone = await registerUser(t, 'gone');
      expect((await call(t, 'DELETE', `/api/user/${gone.id}`, { token })).status).toBe(200);
      for (const method of ['PUT', 'DELETE']) {
        const res = await call(t, method, `/api/user/${gone.id}`, { token, body: { name: 'Nobody' } });
        expect(res.status, method).toBe(404);
        expect(res.body, method).toEqual({ message: 'user not found' });
      }
    });

    it("the old front end's body, the whole user with id and roles, updates the name and never the roles", async () => {
      const user = await registerUser(t, 'whole');
      const body = { id: user.id, name: 'Whole User', email: user.email, roles: [{ role: 'admin' }] };
      const res = await call(t, 'PUT', `/api/user/${user.id}`, { token: user.token, body });
      expect(res.status).toBe(200);
      expect(res.body.user).toEqual({ id: user.id, name: 'Whole User', email: user.email, roles: [{ role: 'diner' }] });
      expect((await call(t, 'GET', '/api/user/me', { token: res.body.token })).body.roles).toEqual([{ role: 'diner' }]);
      expect((await call(t, 'GET', '/api/user', { token: res.body.token })).status).toBe(403);
    });

    it('without a token gives 401; bad values give 400', async () => {
      const user = await registerUser(t, 'upd-bad');
      expect((await call(t, 'PUT', `/api/user/${user.id}`, { body: { name: 'x' } })).status).toBe(401);
      expect((await call(t, 'PUT', `/api/user/${user.id}`, { token: user.token, body: { email: 'nope' } })).status).toBe(400);
      expect((await call(t, 'PUT', `/api/user/${user.id}`, { token: user.token, body: { password: 'short' } })).status).toBe(400);
      expect((await call(t, 'GET', '/api/user/me', { token: user.token })).body.roles).toEqual([{ role: 'diner' }]);
    });
  });

  describe('GET /api/user (admin list)', () => {
    it('filters by name with * as a wildcard and pages with `more`', async () => {
      const tag = uniqueName('Listed').replace(/\s/g, '_');
      const names = [`${tag} Alpha`, `${tag} Beta`, `${tag} Gamma`];
      const users = [];
      for (const name of names) users.push(await registerUser(t, 'listed', name));
      const token = await adminToken(t);

      const page1 = await call(t, 'GET', `/api/user?page=1&limit=2&name=${encodeURIComponent(`${tag}*`)}`, { token });
      expect(page1.status).toBe(200);
      expect(page1.body).toEqual({
        users: [
          { id: users[0]!.id, name: names[0], email: users[0]!.email, roles: [{ role: 'diner' }] },
          { id: users[1]!.id, name: names[1], email: users[1]!.email, roles: [{ role: 'diner' }] },
        ],
        more: true,
      });
      const page2 = await call(t, 'GET', `/api/user?page=2&limit=2&name=${encodeURIComponent(`${tag}*`)}`, { token });
      expect(page2.body).toEqual({ users: [expect.objectContaining({ id: users[2]!.id, name: names[2] })], more: false });

      const middle = await call(t, 'GET', `/api/user?name=${encodeURIComponent(`${tag}*a`)}`, { token });
      expect(middle.body.users.map((u: { name: string }) => u.name)).toEqual(names); // all end in "a"
      const beta = await call(t, 'GET', `/api/user?name=${encodeURIComponent(`*${tag} b*`)}`, { token });
      expect(beta.body).toEqual({ users: [expect.objectContaining({ name: names[1] })], more: false });
      const none = await call(t, 'GET', `/api/user?name=${encodeURIComponent(`${tag}_Alpha`)}`, { token });
      expect(none.body).toEqual({ users: [], more: false }); // _ is not a wildcard
    });

    it('a diner gets 403 and no token gets 401', async () => {
      const user = await registerUser(t, 'list-diner');
      expect((await call(t, 'GET', '/api/user', { token: user.token })).status).toBe(403);
      expect((await call(t, 'GET', '/api/user')).status).toBe(401);
    });

    it('bad paging gives 400', async () => {
      const token = await adminToken(t);
      expect((await call(t, 'GET', '/api/user?page=0', { token })).status).toBe(400);
      expect((await call(t, 'GET', '/api/user?page=abc', { token })).status).toBe(400);
      expect((await call(t, 'GET', '/api/user?limit=1000', { token })).status).toBe(400);
    });
  });

  describe('DELETE /api/user/:userId', () => {
    it('an admin deletes a user: message, then the account and its tokens are gone', async () => {
      const user = await registerUser(t, 'del');
      const res = await call(t, 'DELETE', `/api/user/${user.id}`, { token: await adminToken(t) });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'user deleted' });
      expect((await call(t, 'GET', '/api/user/me', { token: user.token })).status).toBe(401);
      expect((await login(t, user.email, user.password)).status).toBe(401);
      expect((await call(t, 'DELETE', `/api/user/${user.id}`, { token: await adminToken(t) })).status).toBe(404);
      // The email is free again.
      expect((await call(t, 'POST', '/api/auth', { body: { name: 'again', email: user.email, password: 'another-password' } })).status).toBe(200);
    });

    it('a diner cannot delete anyone (403), not even themself; no token gives 401', async () => {
      const [a, b] = await Promise.all([registerUser(t, 'del-a'), registerUser(t, 'del-b')]);
      expect((await call(t, 'DELETE', `/api/user/${b.id}`, { token: a.token })).status).toBe(403);
      expect((await call(t, 'DELETE', `/api/user/${a.id}`, { token: a.token })).status).toBe(403);
      expect((await call(t, 'DELETE', `/api/user/${b.id}`)).status).toBe(401);
      expect((await call(t, 'GET', '/api/user/me', { token: b.token })).status).toBe(200);
    });

    it('an admin cannot delete their own account (403, with the reason), and keeps it', async () => {
      const token = await adminToken(t);
      const me = await call(t, 'GET', '/api/user/me', { token });
      const res = await call(t, 'DELETE', `/api/user/${me.body.id}`, { token });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ message: 'you cannot delete your own account' });
      expect((await call(t, 'GET', '/api/user/me', { token })).status).toBe(200);
    });
  });
});
