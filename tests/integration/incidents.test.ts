import { describe, expect, it } from 'vitest';
import { adminToken, call, registerUser, targets } from './support';

/**
 * The incident and alert-rule API over HTTP on SQLite and PostgreSQL: admin only, 404 for
 * unknown ids, 400 naming the bad field. The lifecycle itself is in tests/telemetry and the
 * drill (tests/integration/drill.test.ts).
 */
describe.each(targets())('incidents and alert rules API on $name', (t) => {
  const paths: [string, string][] = [
    ['GET', '/api/incidents'],
    ['GET', '/api/incidents/1'],
    ['POST', '/api/incidents/1/ack'],
    ['PUT', '/api/incidents/1/ack'],
    ['GET', '/api/incidents/1/postmortem'],
    ['PUT', '/api/alerts/factory-errors'],
    ['DELETE', '/api/alerts/factory-errors'],
  ];

  it('is for admins: 401 without a token, 403 for a diner', async () => {
    const diner = await registerUser(t, 'incidents');
    for (const [method, path] of paths) {
      expect((await call(t, method, path, { body: method === 'PUT' ? {} : undefined })).status, `${method} ${path}`).toBe(401);
      expect((await call(t, method, path, { token: diner.token, body: method === 'PUT' ? {} : undefined })).status, `${method} ${path}`).toBe(403);
    }
  });

  it('lists incidents and refuses unknown ids and bad input', async () => {
    const token = await adminToken(t);
    const list = await call(t, 'GET', '/api/incidents', { token });
    expect(list.status, list.text).toBe(200);
    expect(Array.isArray(list.body.incidents)).toBe(true);
    expect((await call(t, 'GET', '/api/incidents?status=resolved', { token })).status).toBe(200);
    const badStatus = await call(t, 'GET', '/api/incidents?status=closed', { token });
    expect([badStatus.status, badStatus.body.message]).toEqual([400, expect.stringContaining('status')]);
    for (const [method, path] of [
      ['GET', '/api/incidents/2000000000'],
      ['POST', '/api/incidents/2000000000/ack'],
      ['GET', '/api/incidents/2000000000/postmortem'],
    ]) {
      const res = await call(t, method!, path!, { token });
      expect([res.status, res.body.message], `${method} ${path}`).toEqual([404, 'incident 2000000000 not found']);
    }
    expect((await call(t, 'GET', '/api/incidents/abc', { token })).status).toBe(400);
  });

  it('edits an alert rule (400 naming the field, 404 for an unknown rule) and resets it', async () => {
    const token = await adminToken(t);
    const bad = await call(t, 'PUT', '/api/alerts/factory-errors', { token, body: { maxRate: 2 } });
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringContaining('maxRate')]);
    const notObject = await call(t, 'PUT', '/api/alerts/factory-errors', { token, body: [1] });
    expect(notObject.status).toBe(400);
    const kind = await call(t, 'PUT', '/api/alerts/factory-errors', { token, body: { kind: 'no_data' } });
    expect([kind.status, kind.body.message]).toEqual([400, 'a rule’s kind cannot be changed']);
    expect((await call(t, 'PUT', '/api/alerts/no-such-rule', { token, body: { enabled: false } })).status).toBe(404);
    expect((await call(t, 'DELETE', '/api/alerts/no-such-rule', { token })).status).toBe(404);
    expect((await call(t, 'PUT', '/api/alerts/Not_An_Id', { token, body: {} })).status).toBe(400);

    const saved = await call(t, 'PUT', '/api/alerts/factory-errors', { token, body: { maxRate: 0.2 } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ id: 'factory-errors', kind: 'error_rate', maxRate: 0.2 });
    const listed = (await call(t, 'GET', '/api/alerts?history=3', { token })).body.alerts.find((a: any) => a.id === 'factory-errors');
    expect(listed.history[0]).toMatchObject({ from: 'edit', detail: 'rule edited by admin@jwt.pizza: maxRate' });
    const reset = await call(t, 'DELETE', '/api/alerts/factory-errors', { token });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body).toMatchObject({ id: 'factory-errors', maxRate: 0.05 });
  });

  it('documents every incident endpoint in /api/docs', async () => {
    const docs = await call(t, 'GET', '/api/docs');
    const paths = docs.body.endpoints.map((e: any) => `${e.method} ${e.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /api/incidents', 'GET /api/incidents/:id', 'POST /api/incidents/:id/ack', 'GET /api/incidents/:id/postmortem', 'PUT /api/alerts/:id', 'DELETE /api/alerts/:id']));
    expect(docs.body.webhook).toMatchObject({ generic: { version: 1, event: 'incident.firing' }, slack: { text: expect.any(String), blocks: expect.any(Array) } });
  });
});
