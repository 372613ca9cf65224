import 'server-only';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env, type SmokeTestConfig } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { factoryAdmin, type FactoryConfigVersion } from '@/lib/factory-client/admin';
import { orderPizza, type FactoryResult, type PizzaOrder } from '@/lib/factory-client';
import { log } from '@/lib/log';
import { alertsConfig } from '@/lib/telemetry/alerts/engine';
import { runNow } from '@/lib/telemetry/schedule';
import type { ConfigChange } from './config-events';

/**
 * The smoke test after every factory configuration change (the check the 2024-11-22 incident
 * did by hand, 20 minutes late): a synthetic order through the factory client, its pizza
 * verified against the factory's JWKS, timed against the SLO. The verdict is written the
 * moment it is known — at the SLO if no pizza came by then, while the call goes on so that it
 * stays visible in flight — and a failed ordinary change is rolled back at the factory.
 */

export type SmokeStep = 'order' | 'verify' | 'slo';
export type SmokeVerdict = { status: 'passed' } | { status: 'failed'; failedStep: SmokeStep; message: string };

/** A synthetic diner and order (origin=smoke): no Order row, never a sale. */
export const SMOKE_ORDER: PizzaOrder = {
  diner: { id: 1, name: 'smoke test', email: 'smoke-test@jwt.pizza' },
  order: { id: 1, franchiseId: 1, storeId: 1, items: [{ menuId: 1, description: 'smoke test after a factory change (synthetic, not a sale)', price: 0 }] },
};

const failed = (failedStep: SmokeStep, message: string): SmokeVerdict => ({ status: 'failed', failedStep, message });

export const sloMissed = (sloMs: number, version: number): SmokeVerdict =>
  failed('slo', `no pizza within the ${sloMs} ms SLO after configuration v${version}`);

/** The verdict of a call that has ended: too late is an SLO miss whatever came back. */
export function verdictOf(result: FactoryResult, durationMs: number, sloMs: number, version: number): SmokeVerdict {
  if (durationMs > sloMs) return sloMissed(sloMs, version);
  if (result.ok) return { status: 'passed' };
  const step = result.kind === 'bad_pizza' ? 'verify' : 'order';
  return failed(step, `${result.message} after configuration v${version}`);
}

const pizzaClaims = z.object({
  diner: z.object({ email: z.string() }),
  order: z.object({ items: z.array(z.object({ description: z.string() })) }),
});

/** The signed pizza must be the order that was sent; undefined when it is. */
export function claimsProblem(payload: unknown, sent: PizzaOrder): string | undefined {
  const claims = pizzaClaims.safeParse(payload);
  if (!claims.success) return 'the pizza does not carry the diner and the order';
  const { diner, order } = claims.data;
  const same = diner.email === sent.diner.email && order.items.map((i) => i.description).join('\n') === sent.order.items.map((i) => i.description).join('\n');
  return same ? undefined : 'the pizza is signed for another order';
}

/** The factory client has checked the signature against the JWKS; this checks what it says. */
export function checkClaims(result: FactoryResult, sent: PizzaOrder): FactoryResult {
  if (!result.ok) return result;
  let problem: string | undefined;
  try {
    problem = claimsProblem(decodeJwt(result.jwt), sent);
  } catch {
    problem = 'the pizza is not a JWT';
  }
  return problem ? { ok: false, kind: 'bad_pizza', message: problem } : result;
}

/**
 * Runs the smoke call and reports the verdict once, as soon as it is known: at the SLO if the
 * call is still going (with no duration yet), otherwise when it ends (with its duration).
 */
export async function timedSmokeCall(
  call: () => Promise<FactoryResult>,
  sloMs: number,
  version: number,
  onVerdict: (verdict: SmokeVerdict, durationMs?: number) => void,
): Promise<{ verdict: SmokeVerdict; durationMs: number; early: boolean }> {
  const started = Date.now();
  let verdict: SmokeVerdict | undefined;
  const timer = setTimeout(() => {
    verdict = sloMissed(sloMs, version);
    onVerdict(verdict);
  }, sloMs);
  let result: FactoryResult;
  try {
    result = await call();
  } catch {
    result = { ok: false, kind: 'unreachable', message: 'the smoke order failed unexpectedly' };
  } finally {
    clearTimeout(timer);
  }
  const durationMs = Date.now() - started;
  if (verdict) return { verdict, durationMs, early: true };
  verdict = verdictOf(result, durationMs, sloMs, version);
  onVerdict(verdict, durationMs);
  return { verdict, durationMs, early: false };
}

/**
 * Whether to ask the factory to undo the change: only an ordinary change that failed. An
 * experiment ends by itself, and a revert or rollback already goes back to a known version.
 */
export function rollbackPlan(
  change: Pick<ConfigChange, 'type' | 'kind' | 'version'>,
  verdict: SmokeVerdict,
  autoRollback: boolean,
): { version: number; expectedVersion: number } | null {
  if (verdict.status !== 'failed' || !autoRollback) return null;
  if (change.type !== 'config.applied' || !isOrdinaryChange(change)) return null;
  return { version: change.version - 1, expectedVersion: change.version };
}

const isOrdinaryChange = ({ kind, version }: { kind: string; version: number }) => kind === 'change' && version >= 2;

// ---- Running it ----

/** Starts the smoke test after a newly recorded change, unless SMOKE_TEST=off. Never throws. */
export async function smokeTestAfter(change: ConfigChange): Promise<void> {
  if (!env().smokeTest.enabled) return;
  try {
    await runSmokeTest(change);
  } catch (error) {
    log.error('smoke test could not run', { version: change.version, err: error });
  }
}

async function runSmokeTest(change: ConfigChange): Promise<void> {
  const { budgetMs, autoRollback } = env().smokeTest;
  const sloMs = env().telemetry.factoryLatencySloMs;
  const { id } = await db.smokeTest.create({
    data: { changeId: change.id, configVersion: change.version, sloMs, startedAt: new Date(), status: 'running' },
  });
  log.info('smoke test started', { smokeTest: id, version: change.version, type: change.type, sloMs, budgetMs });
  let recorded: Promise<void> = Promise.resolve();
  const { verdict, durationMs, early } = await timedSmokeCall(
    async () => checkClaims(await orderPizza(SMOKE_ORDER, { origin: 'smoke', deadline: Date.now() + budgetMs, breaker: false }), SMOKE_ORDER),
    sloMs,
    change.version,
    (v, ms) => {
      recorded = recordVerdict(id, change, v, ms, autoRollback);
    },
  );
  await recorded;
  if (early) await db.smokeTest.update({ where: { id }, data: { durationMs, finishedAt: new Date() } });
  log.info('smoke test finished', { smokeTest: id, version: change.version, status: verdict.status, durationMs });
}

async function recordVerdict(id: number, change: ConfigChange, verdict: SmokeVerdict, durationMs: number | undefined, autoRollback: boolean): Promise<void> {
  const decidedAt = new Date();
  await db.smokeTest.update({
    where: { id },
    data: {
      status: verdict.status,
      ...(verdict.status === 'failed' ? { failedStep: verdict.failedStep, message: verdict.message } : {}),
      ...(durationMs === undefined ? {} : { durationMs, finishedAt: decidedAt }),
    },
  });
  if (verdict.status === 'passed') {
    log.info('smoke test passed', { smokeTest: id, version: change.version, durationMs });
    return;
  }
  log.warn('smoke test failed', { smokeTest: id, version: change.version, step: verdict.failedStep, message: verdict.message });
  // The factory-smoke-test rule looks at the newest finished test, and the rollback's own test
  // passes a moment later: the engine must have seen this failure before the rollback.
  await untilAlertsEvaluatedSince(new Date());
  const plan = rollbackPlan(change, verdict, autoRollback);
  if (!plan) {
    log.info('smoke test: no automatic rollback', { smokeTest: id, version: change.version, type: change.type, kind: change.kind, autoRollback });
    return;
  }
  try {
    const rolledBack = await factoryAdmin.rollback({
      ...plan,
      author: 'smoke test',
      reason: `smoke test after v${change.version} failed: ${verdict.message}`.slice(0, 500),
    });
    await db.smokeTest.update({ where: { id }, data: { rollbackVersion: rolledBack.version } });
    log.warn('smoke test rolled the factory back', { smokeTest: id, failedVersion: change.version, to: plan.version, newVersion: rolledBack.version });
  } catch (error) {
    // A 409 means someone changed the configuration since: theirs stands, no retry.
    const message = error instanceof AppError ? error.message : 'the rollback request failed';
    await db.smokeTest.update({ where: { id }, data: { rollbackError: message.slice(0, 1000) } });
    log.error('smoke test rollback refused', { smokeTest: id, version: change.version, to: plan.version, err: message });
  }
}

/**
 * Evaluates the alert rules now (when this instance holds the lease), then waits until some
 * instance has evaluated them after `at`, for at most one lease and one interval.
 */
async function untilAlertsEvaluatedSince(at: Date): Promise<void> {
  if (!env().telemetry.enabled) return;
  await runNow('alerts');
  const config = alertsConfig();
  const giveUpAt = Date.now() + config.leaseTtlMs + env().telemetry.alertEvalIntervalMs;
  while (Date.now() < giveUpAt) {
    if (await db.alertRuleState.findFirst({ where: { evaluatedAt: { gte: at } }, select: { ruleId: true } })) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log.warn('smoke test: the alert engine has not evaluated since the failure; rolling back anyway');
}

// ---- Reading ----

export interface SmokeTestView {
  id: number;
  changeId: number | null;
  configVersion: number | null;
  status: 'running' | 'passed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  sloMs: number;
  failedStep: SmokeStep | null;
  message: string | null;
  rollbackVersion: number | null;
  rollbackError: string | null;
}

type SmokeTestRow = Awaited<ReturnType<typeof db.smokeTest.findFirstOrThrow>>;

const toView = (r: SmokeTestRow): SmokeTestView => ({
  id: r.id,
  changeId: r.changeId,
  configVersion: r.configVersion,
  status: r.status as SmokeTestView['status'],
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  durationMs: r.durationMs,
  sloMs: r.sloMs,
  failedStep: r.failedStep as SmokeStep | null,
  message: r.message,
  rollbackVersion: r.rollbackVersion,
  rollbackError: r.rollbackError,
});

/** The newest smoke test of each of these versions of the configured factory, by version (the factory console). */
export async function smokeTestsByVersion(versions: number[]): Promise<Map<number, SmokeTestView>> {
  if (!versions.length) return new Map();
  const changes = await db.configChangeEvent.findMany({ where: { source: env().factoryUrl, version: { in: versions } }, select: { id: true } });
  const rows = await db.smokeTest.findMany({ where: { changeId: { in: changes.map((c) => c.id) } }, orderBy: { id: 'asc' } });
  return new Map(rows.flatMap((r) => (r.configVersion === null ? [] : [[r.configVersion, toView(r)] as const])));
}

/** How long after a change the console waits for its smoke test at most (a test cut short by a restart stays `running`). */
export const SMOKE_SETTLE_MS = 60_000;

/**
 * Whether the smoke test of the version in force may still change what the console shows: it has
 * not started yet (just after the change), is running, or failed with its automatic rollback
 * still to come. The console refreshes itself meanwhile.
 */
export function smokeTestSettling(
  inForce: Pick<FactoryConfigVersion, 'version' | 'kind' | 'createdAt'>,
  test: SmokeTestView | undefined,
  now: number,
  { enabled, autoRollback }: Pick<SmokeTestConfig, 'enabled' | 'autoRollback'> = env().smokeTest,
): boolean {
  if (!enabled || now - Date.parse(inForce.createdAt) > SMOKE_SETTLE_MS) return false;
  if (!test || test.status === 'running') return true;
  const rollbackDue = test.status === 'failed' && autoRollback && isOrdinaryChange(inForce);
  return rollbackDue && test.rollbackVersion === null && test.rollbackError === null;
}
