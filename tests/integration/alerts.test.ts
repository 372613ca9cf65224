import { describe, expect, it } from 'vitest';
import { adminToken, call, registerUser, targets } from './support';

interface Alert {
  id: string;
  name: string;
  severity: string;
  state: string;
  since: string | null;
  value: number | null;
  evaluatedAt: string | null;
  history: { at: string; from: string; to: string }[];
}

describe.each(targets())('GET /api/alerts on $name', (t) => {
  it('is for admins only', async () => {
    expect((await call(t, 'GET', '/api/alerts')).status).toBe(401);
    const diner = await registerUser(t);
    expect((await call(t, 'GET', '/api/alerts', { token: diner.token })).status).toBe(403);
    expect((await call(t, 'GET', '/api/alerts?history=500', { token: await adminToken(t) })).status).toBe(400);
  });

  it('lists the seven rules with the state the running engine evaluated', async () => {
    const token = await adminToken(t);
    // The engine evaluates every 2 s from start-up: wait for an evaluation.
    let alerts: Alert[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await call<{ alerts: Alert[] }>(t, 'GET', '/api/alerts', { token });
      expect(res.status).toBe(200);
      alerts = res.body.alerts;
      if (alerts.filter((a) => a.id !== 'factory-no-data').every((a) => a.evaluatedAt !== null)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(alerts.map((a) => [a.name, a.severity])).toEqual([
      ['Factory latency critical', 'critical'],
      ['Factory latency SLO burn rate', 'critical'],
      ['Factory latency SLO slow burn', 'warning'],
      ['Factory errors and timeouts', 'warning'],
      ['No factory measurements', 'warning'],
      ['Factory circuit breaker open', 'warning'],
      ['Smoke test after a factory change failed', 'critical'],
      ['Factory configuration changed', 'info'],
    ]);
    const critical = alerts[0]!;
    expect(critical.evaluatedAt).not.toBeNull();
    expect(['normal', 'pending', 'firing', 'resolved']).toContain(critical.state);
    expect(Array.isArray(critical.history)).toBe(true);
  });
});
