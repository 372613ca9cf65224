import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import type { RecordedEvent } from '@/lib/telemetry/alerts/engine';
import type { Snapshot } from '@/lib/telemetry/alerts/rules';
import type { AlertState, AlertStateName } from '@/lib/telemetry/alerts/state';
import { freshDatabases } from './support/databases';
import { useTestEnv } from './support/env';

/**
 * The incident lifecycle on real databases, driven with synthetic evaluation outcomes (rule
 * states and transitions, as the engine hands them over): open with the first bad measurement
 * and the likely cause, join, mitigate on an undo, resolve, one notification each way across
 * many evaluations, impact from seeded orders, acknowledgement, timeline and postmortem.
 */

const env = useTestEnv();
afterAll(() => env.cleanup());

const config = { sloTargetMs: 1_000, budgetMs: 2_000, probeIntervalMs: 15_000 };
const options = { sloMs: 1_000, freshMs: 5_000, causeWindowMs: 10 * 60_000, notify: true };
const iso = (ms: number) => new Date(ms).toISOString();

const targets = freshDatabases(env.dataDir, 'incidents');

function snapshotAt(now: number, extra: Partial<Snapshot> = {}): Snapshot {
  return {
    now,
    budgetMs: 2_000,
    windows: new Map(),
    slowAboveMs: 1_000,
    inFlightOldestMs: null,
    probes: [],
    breakers: [],
    lastMeasurementAt: now,
    expectedSince: now - 600_000,
    probeExpected: true,
    configChanges: [],
    smokeTests: [],
    smokeSeenUpTo: null,
    ...extra,
  };
}

const state = (name: AlertStateName, since: number, lastActiveAt: number | null, value: number | null = null): AlertState => ({
  state: name,
  since,
  activeAt: name === 'firing' ? since : null,
  lastActiveAt,
  value,
});

const event = (ruleId: string, at: number, from: AlertStateName, to: AlertStateName, value: number | null = null, detail: string | null = null): RecordedEvent => ({
  ruleId,
  at,
  from,
  to,
  value,
  detail,
});

describe.each(targets)('incident lifecycle on $name', (target) => {
  let db: Db;
  let close: () => Promise<void>;
  const T = Date.now() - 60_000;

  beforeAll(async () => {
    ({ db, close } = await target.open());
  });
  afterAll(async () => close?.());

  async function change(version: number, kind: string, type: string, appliedAt: number, diff: unknown[] = []) {
    return db.configChangeEvent.create({
      data: { source: 'test', version, type, kind, author: 'ops@jwt.pizza', reason: `${kind} v${version}`, diff: JSON.stringify(diff), document: '{}', appliedAt: new Date(appliedAt) },
    });
  }

  it('opens, joins, mitigates on the undo, resolves, with one notification each way', async () => {
    const { processIncidents } = await import('@/lib/telemetry/incidents/lifecycle');
    const { defaultRules } = await import('@/lib/telemetry/alerts/rules');
    const { incidentDetail, listIncidents, openIncidentSummary, acknowledgeIncident, postmortemMarkdown } = await import('@/lib/telemetry/incidents');
    const rules = defaultRules(config);
    const normal = (now: number) => new Map(rules.map((r) => [r.id, state('normal', now - 600_000, null)]));

    // History: an old change outside the window, a rollback (never a cause), then the drill's experiment.
    await change(3, 'change', 'config.applied', T - 20 * 60_000, [{ path: 'maxItemsPerOrder', from: 10, to: 12 }]);
    await change(4, 'rollback', 'config.applied', T - 60_000);
    const experiment = await change(5, 'experiment', 'experiment.started', T - 5_000, [{ path: 'processingDelayMs', from: 0, to: 32_000 }]);
    const smoke = await db.smokeTest.create({
      data: { changeId: experiment.id, configVersion: 5, startedAt: new Date(T - 4_000), finishedAt: new Date(T - 3_000), status: 'failed', durationMs: 1_000, sloMs: 1_000, failedStep: 'slo', message: 'over 1000 ms' },
    });
    // Orders: two slow or failed from diner A, one quick from diner B, one slow before the incident.
    const [a, b] = await Promise.all(['a', 'b'].map((n) => db.user.create({ data: { name: n, email: `${n}-${target.name}@test.jwt.pizza`, passwordHash: 'x' } })));
    const franchise = await db.franchise.create({ data: { name: 'f', nameKey: 'f', stores: { create: [{ name: 's', nameKey: 's' }] } }, include: { stores: true } });
    const order = (dinerId: number, createdAt: number, fulfilledAt: number | null, status: string) =>
      db.order.create({ data: { dinerId, franchiseId: franchise.id, storeId: franchise.stores[0]!.id, createdAt: new Date(createdAt), fulfilledAt: fulfilledAt === null ? null : new Date(fulfilledAt), status } });
    await order(a!.id, T - 3_000, T - 1_000, 'fulfilled');
    await order(b!.id, T - 2_000, T - 1_900, 'fulfilled');
    await order(a!.id, T - 1_000, null, 'failed');
    await order(b!.id, T - 60_000, T - 30_000, 'fulfilled');
    // A probe and an in-flight call went bad after the smoke test started.
    await db.telemetryInstance.create({
      data: { id: 'i1', host: 'h', pid: 1, startedAt: new Date(T - 600_000), seenAt: new Date(T), factoryInFlight: 1, factoryOldestStartedAt: new Date(T - 3_500), requestsInFlight: 0, breakerState: 'closed', breakerSince: new Date(T - 600_000) },
    });
    const smokeSeen = { id: smoke.id, changeId: experiment.id, configVersion: 5, startedAt: T - 4_000, status: 'failed' as const, durationMs: 1_000, failedStep: 'slo', message: 'over 1000 ms' };

    // Tick 1: the smoke-test rule fires → an incident opens.
    let states = normal(T);
    states.set('factory-smoke-test', state('firing', T, T, 1_000));
    const detail = 'smoke test after configuration v5 failed at slo: over 1000 ms';
    await processIncidents(db, { now: T, rules, states, events: [event('factory-smoke-test', T, 'normal', 'firing', 1_000, detail)], snapshot: snapshotAt(T, { smokeTests: [smokeSeen], probes: [{ at: T - 3_000, durationMs: 2_000, status: 'timeout' }] }) }, options);
    const opened = await openIncidentSummary(db);
    expect(opened).toMatchObject({
      status: 'open',
      severity: 'critical',
      title: 'Smoke test after a factory change failed · likely cause: factory configuration v5',
      firstBadAt: iso(T - 4_000),
      detectedAt: iso(T),
      timeToDetectMs: 4_000,
      configVersion: 5,
      ruleIds: ['factory-smoke-test'],
      likelyCause: { changeId: experiment.id, version: 5, kind: 'experiment', leadMs: 1_000, href: '/admin/factory#version-5', diff: [{ path: 'processingDelayMs', from: 0, to: 32_000 }] },
    });
    const id = opened!.id;

    // Tick 2: the latency rule fires too → it joins; no second incident.
    states = new Map(states);
    states.set('factory-smoke-test', state('firing', T, T + 2_000, 1_000));
    states.set('factory-latency-critical', state('firing', T + 2_000, T + 2_000, 2_003));
    await processIncidents(db, { now: T + 2_000, rules, states, events: [event('factory-latency-critical', T + 2_000, 'normal', 'firing', 2_003)], snapshot: snapshotAt(T + 2_000) }, options);
    expect((await listIncidents(db)).map((i) => [i.id, i.ruleIds])).toEqual([[id, ['factory-smoke-test', 'factory-latency-critical']]]);

    // Ticks 3..12: conditions gone but both keep firing; the experiment ended at T + 3 s → mitigated then.
    await change(6, 'revert', 'experiment.ended', T + 3_000, [{ path: 'processingDelayMs', from: 32_000, to: 0 }]);
    for (let t = T + 4_000; t <= T + 22_000; t += 2_000) {
      await processIncidents(db, { now: t, rules, states, events: [], snapshot: snapshotAt(t) }, options);
    }
    expect(await openIncidentSummary(db)).toMatchObject({ id, mitigatedAt: iso(T + 3_000), timeToMitigateMs: 7_000, resolvedAt: null });

    // Acknowledged (the first acknowledgement wins).
    await acknowledgeIncident(id, 'first@jwt.pizza', db);
    const again = await acknowledgeIncident(id, 'second@jwt.pizza', db);
    expect(again.acknowledgedBy).toBe('first@jwt.pizza');
    expect(again.timeToAcknowledgeMs).toBeGreaterThan(0);

    // Tick: both rules resolve (keep-firing over) → resolved; more evaluations change nothing.
    // The slow burn, a warning with a 30 min short window, still fires: it does not hold the incident.
    const end = T + 24_000;
    states = new Map(states);
    states.set('factory-slo-slow-burn', state('firing', T + 2_000, end, 29.6));
    states.set('factory-smoke-test', state('resolved', end, T + 2_000));
    states.set('factory-latency-critical', state('resolved', end, T + 2_000));
    const resolvedEvents = [event('factory-smoke-test', end, 'firing', 'resolved'), event('factory-latency-critical', end, 'firing', 'resolved')];
    await processIncidents(db, { now: end, rules, states, events: resolvedEvents, snapshot: snapshotAt(end) }, options);
    for (let t = end + 2_000; t <= end + 10_000; t += 2_000) await processIncidents(db, { now: t, rules, states, events: [], snapshot: snapshotAt(t) }, options);
    expect(await openIncidentSummary(db)).toBeNull();
    const notifications = await db.alertNotification.findMany({ where: { incidentId: id }, orderBy: { id: 'asc' } });
    expect(notifications.map((n) => [n.kind, n.status])).toEqual([
      ['firing', 'pending'],
      ['resolved', 'pending'],
    ]);

    const incident = await incidentDetail(id, db);
    expect(incident).toMatchObject({ status: 'resolved', resolvedAt: iso(end), mitigatedAt: iso(T + 3_000) });
    // Window [T-4 s, T+3 s]: diner A's 2 s wait and failed order; diner B's quick order.
    expect(incident.impact).toEqual({ ordersAffected: 2, customersAffected: 1, customerShare: 0.5, worstWaitMs: 2_000 });
    expect(incident.timeline.map((e) => [e.at, e.type])).toEqual([
      [iso(T - 60_000), 'rollback'],
      [iso(T - 5_000), 'config_change'],
      [iso(T - 4_000), 'first_bad_measurement'],
      // Failed at the SLO: stamped when that was known, not when it started.
      [iso(T - 3_000), 'smoke_test'],
      [iso(T), 'alert_firing'],
      [iso(T + 2_000), 'alert_firing'],
      [iso(T + 3_000), 'mitigated'],
      [iso(T + 3_000), 'rollback'],
      [iso(end), 'alert_resolved'],
      [iso(end), 'alert_resolved'],
      [iso(end), 'resolved'],
      // Acknowledged by the clock of the test, after the synthetic evaluations (T is a minute ago).
      [expect.any(String), 'acknowledged'],
    ]);
    const byType = (type: string) => incident.timeline.filter((e) => e.type === type);
    expect(byType('config_change')[0]).toMatchObject({ title: expect.stringContaining('processingDelayMs 0 → 32000'), href: '/admin/factory#version-5' });
    expect(byType('smoke_test')[0]?.title).toBe('Smoke test after configuration v5 failed at slo: over 1000 ms (the smoke order took 1000 ms)');
    expect(byType('alert_firing').map((e) => e.title)).toEqual([
      `Smoke test after a factory change failed fired: ${detail}`,
      'Factory latency critical fired (joined the incident) (2003 ms)',
    ]);
    expect(byType('mitigated')[0]?.title).toBe('Mitigated: factory configuration v6 (revert) undid the change');

    const markdown = await postmortemMarkdown(id, db);
    for (const section of ['Summary', 'Detection', 'Impact', 'Timeline', 'Response', 'Root cause', 'Resolution', 'Prevention', 'Action items']) {
      expect(markdown).toContain(`\n## ${section}\n`);
    }
    expect(markdown).toContain(`- First bad measurement: ${iso(T - 4_000)} (T+0 ms)`);
    expect(markdown).toContain(`- Alert fired: ${iso(T)} (T+4.0 s); time to detect **4.0 s**`);
    expect(markdown).toContain('| processingDelayMs | 0 | 32000 |');
    expect(markdown).toContain(`| ${iso(T + 3_000)} | T+7.0 s | Mitigated: factory configuration v6 (revert) undid the change |`);
    expect(markdown).toContain('- Orders affected (waited longer than the SLO target or failed): 2');
    expect(markdown).toContain('_To fill in:');

    // A critical alert after resolution opens a new incident. Without an undo, it is mitigated
    // when its condition last held, which is known only once it resolves (conditions flap).
    // The first incident's failed smoke test is still in the rule's window: it is not this one's evidence.
    const later = end + 60_000;
    states = new Map(states);
    states.set('factory-slo-burn-rate', state('firing', later, later, 20));
    await processIncidents(db, { now: later, rules, states, events: [event('factory-slo-burn-rate', later, 'normal', 'firing', 20)], snapshot: snapshotAt(later, { smokeTests: [smokeSeen] }) }, options);
    const second = await openIncidentSummary(db);
    expect(second).toMatchObject({ title: 'Factory latency SLO burn rate', ruleIds: ['factory-slo-burn-rate'], likelyCause: null, configVersion: 6, firstBadAt: iso(later), timeToDetectMs: 0 });
    expect(second!.id).not.toBe(id);
    await processIncidents(db, { now: later + 2_000, rules, states, events: [], snapshot: snapshotAt(later + 2_000) }, options);
    expect(await openIncidentSummary(db)).toMatchObject({ mitigatedAt: null, resolvedAt: null });
    const calm = later + 62_000;
    states.set('factory-slo-burn-rate', state('resolved', calm, later + 4_000));
    await processIncidents(db, { now: calm, rules, states, events: [event('factory-slo-burn-rate', calm, 'firing', 'resolved', 0)], snapshot: snapshotAt(calm) }, options);
    expect(await openIncidentSummary(db)).toBeNull();
    expect((await listIncidents(db))[0]).toMatchObject({ id: second!.id, status: 'resolved', mitigatedAt: iso(later + 4_000), resolvedAt: iso(calm), timeToMitigateMs: later + 4_000 - Date.parse(second!.firstBadAt) });
    await expect(incidentDetail(999_999, db)).rejects.toMatchObject({ code: 'not_found' });
  });
});
