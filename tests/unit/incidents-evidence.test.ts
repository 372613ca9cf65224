import { describe, expect, it } from 'vitest';
import { firstBadMeasurement, pickLikelyCause, type ChangeRow, type Evidence } from '@/lib/telemetry/incidents/evidence';
import { formatDuration } from '@/lib/telemetry/incidents/postmortem';
import { impactOf } from '@/lib/telemetry/incidents/read';

/** The pure parts of incidents: the first bad measurement, the likely cause, impact, durations. */

const NOW = Date.parse('2026-11-26T20:05:30.000Z');
const none: Evidence = { now: NOW, sloMs: 1_000, since: -Infinity, inFlightStarts: [], smokeTests: [], probes: [], badBucketStarts: [] };

describe('the first bad measurement', () => {
  it('is the earliest start among in-flight calls, smoke tests, probes and buckets', () => {
    expect(firstBadMeasurement(none)).toMatchObject({ at: NOW, source: 'detection' });
    // An in-flight call younger than the SLO is not bad (yet).
    expect(firstBadMeasurement({ ...none, inFlightStarts: [NOW - 500] })).toMatchObject({ source: 'detection' });
    expect(firstBadMeasurement({ ...none, inFlightStarts: [NOW - 2_500] })).toMatchObject({ at: NOW - 2_500, source: 'in_flight' });
    const smoke = { id: 1, changeId: 1, configVersion: 5, startedAt: NOW - 4_000, status: 'failed' as const, durationMs: 1_000, failedStep: 'slo', message: null };
    const all: Evidence = {
      ...none,
      inFlightStarts: [NOW - 2_500],
      smokeTests: [smoke, { ...smoke, id: 2, startedAt: NOW - 9_000, status: 'passed' }],
      probes: [{ at: NOW - 3_000, durationMs: 2_000, status: 'timeout' }, { at: NOW - 20_000, durationMs: 150, status: 'ok' }],
      badBucketStarts: [NOW - 20_000, NOW - 10_000],
    };
    // A bad bucket counts when it ended before the earliest precise start...
    expect(firstBadMeasurement(all)).toEqual({ at: NOW - 20_000, source: 'bucket', title: 'Factory calls over the SLO target recorded (10 s bucket)' });
    // ...not when it may hold that same call (a bucket starts up to 10 s early).
    expect(firstBadMeasurement({ ...all, badBucketStarts: [NOW - 10_000] })).toMatchObject({ at: NOW - 4_000, source: 'smoke_test' });
    expect(firstBadMeasurement({ ...none, badBucketStarts: [NOW - 10_000] })).toMatchObject({ at: NOW - 10_000, source: 'bucket' });
    expect(firstBadMeasurement({ ...all, badBucketStarts: [] })).toEqual({ at: NOW - 4_000, source: 'smoke_test', title: 'Smoke test after configuration v5 started and failed at slo', changeId: 1 });
    // A smoke test still running past the SLO counts; a running one within it does not.
    expect(firstBadMeasurement({ ...none, smokeTests: [{ ...smoke, status: 'running', startedAt: NOW - 1_500 }] })).toMatchObject({ at: NOW - 1_500, source: 'smoke_test' });
    expect(firstBadMeasurement({ ...none, smokeTests: [{ ...smoke, status: 'running', startedAt: NOW - 500 }] })).toMatchObject({ source: 'detection' });
  });

  it('ignores what came before the previous incident was resolved: that belongs to it', () => {
    const oldSmoke = { id: 1, changeId: 1, configVersion: 2, startedAt: NOW - 30 * 60_000, status: 'failed' as const, durationMs: 10_000, failedStep: 'slo', message: null };
    const newSmoke = { ...oldSmoke, id: 2, configVersion: 6, startedAt: NOW - 1_000 };
    const since = NOW - 60_000;
    const evidence: Evidence = { ...none, since, smokeTests: [oldSmoke, newSmoke], probes: [{ at: NOW - 40 * 60_000, durationMs: 30_000, status: 'timeout' }] };
    expect(firstBadMeasurement(evidence)).toMatchObject({ at: NOW - 1_000, source: 'smoke_test', title: 'Smoke test after configuration v6 started and failed at slo' });
    expect(firstBadMeasurement({ ...evidence, smokeTests: [oldSmoke] })).toMatchObject({ at: NOW, source: 'detection' });
    expect(firstBadMeasurement({ ...none, since, badBucketStarts: [since - 10_000, since, since + 10_000] })).toMatchObject({ at: since, source: 'bucket' });
  });
});

describe('the likely cause', () => {
  const change = (id: number, version: number, kind: string, type: string, at: number): ChangeRow => ({ id, version, kind, type, author: 'ops', reason: 'r', diff: '[]', appliedAt: new Date(at) });
  const bad = { at: NOW, source: 'smoke_test' as const, title: '' };
  const W = 10 * 60_000;

  it('is the latest change before the first bad measurement, within the window, never an undo', () => {
    const old = change(1, 3, 'change', 'config.applied', NOW - W - 1);
    const recent = change(2, 4, 'change', 'config.applied', NOW - 120_000);
    const drill = change(3, 5, 'experiment', 'experiment.started', NOW - 1_000);
    const after = change(4, 6, 'change', 'config.applied', NOW + 1_000);
    expect(pickLikelyCause([old, recent, drill, after], bad, W)).toBe(drill);
    expect(pickLikelyCause([old, recent], bad, W)).toBe(recent);
    expect(pickLikelyCause([old], bad, W)).toBeNull();
    // A change after the estimate counts when it applied before the detection, or within a bucket estimate's granularity.
    expect(pickLikelyCause([after], bad, W)).toBeNull();
    expect(pickLikelyCause([after], bad, W, NOW + 2_000)).toBe(after);
    expect(pickLikelyCause([after], { ...bad, source: 'bucket' }, W)).toBe(after);
    // Undos are never the cause, and a change undone before the first bad measurement is not in force.
    const rollback = change(5, 7, 'rollback', 'config.applied', NOW - 500);
    const ended = change(6, 8, 'revert', 'experiment.ended', NOW - 500);
    expect(pickLikelyCause([rollback], bad, W)).toBeNull();
    expect(pickLikelyCause([drill, ended], bad, W)).toBeNull();
    expect(pickLikelyCause([rollback, { ...drill, appliedAt: new Date(NOW - 100) }], bad, W)?.id).toBe(3);
  });

  it('is the change a failed smoke test tested, when that test is the first bad measurement, a rollback to a bad version too', () => {
    const change_ = change(1, 4, 'change', 'config.applied', NOW - 60_000);
    const rollbackToBad = change(2, 6, 'rollback', 'config.applied', NOW - 50);
    expect(pickLikelyCause([change_, rollbackToBad], bad, W)).toBeNull();
    expect(pickLikelyCause([change_, rollbackToBad], { ...bad, changeId: 2 }, W)).toBe(rollbackToBad);
    // A tested change outside what was read falls back to the usual rule.
    expect(pickLikelyCause([change_], { ...bad, changeId: 99 }, W)).toBe(change_);
  });
});

describe('impact', () => {
  const order = (dinerId: number | null, createdOffset: number, waitMs: number | null, status = 'fulfilled') => ({
    dinerId,
    createdAt: new Date(NOW + createdOffset),
    fulfilledAt: waitMs === null ? null : new Date(NOW + createdOffset + waitMs),
    status,
  });

  it('counts orders over the SLO or failed, their diners, their share, and the worst wait', () => {
    expect(impactOf([], 1_000, NOW)).toEqual({ ordersAffected: 0, customersAffected: 0, customerShare: 0, worstWaitMs: null });
    const orders = [
      order(1, -10_000, 2_000),
      order(1, -9_000, 3_000),
      order(2, -8_000, 100),
      order(3, -7_000, null, 'failed'),
      order(4, -5_000, null, 'pending'), // still waiting: 5 s so far
      order(null, -4_000, 1_500), // a deleted diner's order: counted, not as a customer
    ];
    expect(impactOf(orders, 1_000, NOW)).toEqual({ ordersAffected: 5, customersAffected: 3, customerShare: 0.75, worstWaitMs: 5_000 });
  });
});

describe('durations for people', () => {
  it('reads at the right scale', () => {
    expect([850, 4_200, 185_000, 3_725_000, -2_000].map(formatDuration)).toEqual(['850 ms', '4.2 s', '3 min 05 s', '1 h 02 min', '−2.0 s']);
  });
});
