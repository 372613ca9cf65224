import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FactoryResult } from '@/lib/factory-client';
import {
  checkClaims,
  claimsProblem,
  rollbackPlan,
  SMOKE_ORDER,
  SMOKE_SETTLE_MS,
  sloMissed,
  smokeTestSettling,
  timedSmokeCall,
  verdictOf,
  type SmokeTestView,
  type SmokeVerdict,
} from '@/lib/store/smoke-test';

/** The smoke test's decisions: the verdict, the SLO timer, the pizza's claims and whether to roll back. */

const OK: FactoryResult = { ok: true, jwt: 'x' };
const REJECTED: FactoryResult = { ok: false, kind: 'rejected', status: 500, message: 'the oven failed (factory configuration v7)' };
const BAD_PIZZA: FactoryResult = { ok: false, kind: 'bad_pizza', message: 'the factory returned a pizza whose signature does not verify' };
const TIMEOUT: FactoryResult = { ok: false, kind: 'timeout', message: 'the factory did not answer within 2000 ms' };

/** An unsigned token with these claims: the factory client has already checked the signature. */
const jwtWith = (payload: unknown) =>
  ['{"alg":"RS256"}', JSON.stringify(payload)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.c2ln';

describe('verdictOf', () => {
  it('passes a pizza made within the SLO', () => {
    expect(verdictOf(OK, 120, 1_000, 7)).toEqual({ status: 'passed' });
  });

  it('fails at slo when the pizza came too late, whatever came back, naming the SLO and the version', () => {
    const slo = { status: 'failed', failedStep: 'slo', message: 'no pizza within the 1000 ms SLO after configuration v7' };
    expect(verdictOf(OK, 1_001, 1_000, 7)).toEqual(slo);
    expect(verdictOf(REJECTED, 32_000, 1_000, 7)).toEqual(slo);
    expect(sloMissed(1_000, 7)).toEqual(slo);
  });

  it('fails at order when the factory refused or did not answer, and at verify when the pizza does not verify', () => {
    expect(verdictOf(REJECTED, 40, 1_000, 7)).toEqual({ status: 'failed', failedStep: 'order', message: 'the oven failed (factory configuration v7) after configuration v7' });
    expect(verdictOf(TIMEOUT, 500, 1_000, 7)).toMatchObject({ status: 'failed', failedStep: 'order' });
    expect(verdictOf(BAD_PIZZA, 40, 1_000, 7)).toEqual({
      status: 'failed',
      failedStep: 'verify',
      message: 'the factory returned a pizza whose signature does not verify after configuration v7',
    });
  });
});

describe('the pizza claims', () => {
  const claims = { vendor: { id: 1, name: 'JWT Pizza' }, diner: SMOKE_ORDER.diner, order: SMOKE_ORDER.order };

  it('accepts the pizza of the smoke order', () => {
    expect(claimsProblem(claims, SMOKE_ORDER)).toBeUndefined();
    const result: FactoryResult = { ok: true, jwt: jwtWith(claims) };
    expect(checkClaims(result, SMOKE_ORDER)).toBe(result);
  });

  it('refuses a pizza for another diner or order, without claims, or not a JWT, as a bad pizza', () => {
    expect(claimsProblem({ ...claims, diner: { ...claims.diner, email: 'someone@jwt.pizza' } }, SMOKE_ORDER)).toBe('the pizza is signed for another order');
    expect(claimsProblem({ ...claims, order: { ...claims.order, items: [] } }, SMOKE_ORDER)).toBe('the pizza is signed for another order');
    expect(claimsProblem({ vendor: claims.vendor }, SMOKE_ORDER)).toBe('the pizza does not carry the diner and the order');
    expect(checkClaims({ ok: true, jwt: jwtWith({ vendor: claims.vendor }) }, SMOKE_ORDER)).toEqual({
      ok: false,
      kind: 'bad_pizza',
      message: 'the pizza does not carry the diner and the order',
    });
    expect(checkClaims({ ok: true, jwt: 'not-a-jwt' }, SMOKE_ORDER)).toEqual({ ok: false, kind: 'bad_pizza', message: 'the pizza is not a JWT' });
  });

  it('leaves a failure as it is', () => {
    expect(checkClaims(REJECTED, SMOKE_ORDER)).toBe(REJECTED);
  });
});

describe('timedSmokeCall: the SLO timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const after = (ms: number, result: FactoryResult) => () => new Promise<FactoryResult>((resolve) => setTimeout(() => resolve(result), ms));

  it('fails at the SLO while the call goes on, then keeps that verdict when the call ends (even with a pizza)', async () => {
    const seen: [SmokeVerdict, number | undefined, number][] = [];
    const started = Date.now();
    const running = timedSmokeCall(after(32_000, OK), 1_000, 7, (verdict, durationMs) => seen.push([verdict, durationMs, Date.now() - started]));
    await vi.advanceTimersByTimeAsync(999);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual([[sloMissed(1_000, 7), undefined, 1_000]]);
    await vi.advanceTimersByTimeAsync(31_000);
    await expect(running).resolves.toEqual({ verdict: sloMissed(1_000, 7), durationMs: 32_000, early: true });
    expect(seen).toHaveLength(1);
  });

  it('reports a call that ends within the SLO once, with its duration', async () => {
    const seen: [SmokeVerdict, number | undefined][] = [];
    const running = timedSmokeCall(after(80, OK), 1_000, 7, (verdict, durationMs) => seen.push([verdict, durationMs]));
    await vi.advanceTimersByTimeAsync(80);
    await expect(running).resolves.toEqual({ verdict: { status: 'passed' }, durationMs: 80, early: false });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen).toEqual([[{ status: 'passed' }, 80]]);
  });

  it('turns a call that throws into a failure at order', async () => {
    const running = timedSmokeCall(() => Promise.reject(new Error('boom')), 1_000, 7, () => undefined);
    await expect(running).resolves.toMatchObject({ verdict: { status: 'failed', failedStep: 'order', message: 'the smoke order failed unexpectedly after configuration v7' }, early: false });
  });
});

describe('rollbackPlan', () => {
  const failure = sloMissed(1_000, 7);
  const change = { type: 'config.applied' as const, kind: 'change', version: 7 };

  it('rolls a failed ordinary change back to the version before it, expecting it still in force', () => {
    expect(rollbackPlan(change, failure, true)).toEqual({ version: 6, expectedVersion: 7 });
  });

  it('leaves passed changes, experiments, reverts, rollbacks and the first version alone, and everything when turned off', () => {
    expect(rollbackPlan(change, { status: 'passed' }, true)).toBeNull();
    expect(rollbackPlan(change, failure, false)).toBeNull();
    expect(rollbackPlan({ type: 'experiment.started', kind: 'experiment', version: 7 }, failure, true)).toBeNull();
    expect(rollbackPlan({ type: 'experiment.ended', kind: 'revert', version: 7 }, failure, true)).toBeNull();
    expect(rollbackPlan({ type: 'config.applied', kind: 'rollback', version: 7 }, failure, true)).toBeNull();
    expect(rollbackPlan({ type: 'config.applied', kind: 'change', version: 1 }, failure, true)).toBeNull();
  });
});

describe('smokeTestSettling: whether the console waits for the smoke test of the version in force', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  const change = { version: 7, kind: 'change' as const, createdAt: new Date(now - 2_000).toISOString() };
  const on = { enabled: true, autoRollback: true };
  const test = (status: SmokeTestView['status'], outcome: Partial<SmokeTestView> = {}): SmokeTestView => ({
    id: 1,
    changeId: 1,
    configVersion: 7,
    status,
    startedAt: change.createdAt,
    finishedAt: null,
    durationMs: null,
    sloMs: 1_000,
    failedStep: status === 'failed' ? 'slo' : null,
    message: status === 'failed' ? 'no pizza within the 1000 ms SLO after configuration v7' : null,
    rollbackVersion: null,
    rollbackError: null,
    ...outcome,
  });

  it('waits while the test is yet to start or running, and while a failed change awaits its rollback', () => {
    expect(smokeTestSettling(change, undefined, now, on)).toBe(true);
    expect(smokeTestSettling(change, test('running'), now, on)).toBe(true);
    expect(smokeTestSettling(change, test('failed'), now, on)).toBe(true);
  });

  it('stops once it passed, the rollback is done or refused, or no rollback is due', () => {
    expect(smokeTestSettling(change, test('passed'), now, on)).toBe(false);
    expect(smokeTestSettling(change, test('failed', { rollbackVersion: 8 }), now, on)).toBe(false);
    expect(smokeTestSettling(change, test('failed', { rollbackError: 'the configuration is at version 8, not 7' }), now, on)).toBe(false);
    expect(smokeTestSettling({ ...change, kind: 'experiment' }, test('failed'), now, on)).toBe(false);
    expect(smokeTestSettling({ ...change, kind: 'rollback' }, test('failed'), now, on)).toBe(false);
    expect(smokeTestSettling(change, test('failed'), now, { enabled: true, autoRollback: false })).toBe(false);
  });

  it('never waits with smoke tests off, nor longer than SMOKE_SETTLE_MS after the change', () => {
    expect(smokeTestSettling(change, undefined, now, { enabled: false, autoRollback: true })).toBe(false);
    const old = { ...change, createdAt: new Date(now - SMOKE_SETTLE_MS - 1).toISOString() };
    expect(smokeTestSettling(old, undefined, now, on)).toBe(false);
    expect(smokeTestSettling(old, test('running'), now, on)).toBe(false);
  });
});
