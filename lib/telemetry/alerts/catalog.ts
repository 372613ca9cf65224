import 'server-only';
import { z } from 'zod';
import { db as appDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { defaultRules, ruleSchema, type AlertRule, type DefaultsConfig } from './rules';

/**
 * The rules in force: the six defaults, each replaced by an admin's edit when there is one.
 * Edits are whole rules, validated with the rule schema when written and again when read
 * (a stored rule that no longer parses is ignored, loudly, in favour of the default).
 */

export async function loadRules(config: DefaultsConfig, db: Db = appDb): Promise<AlertRule[]> {
  const overrides = new Map((await db.alertRuleOverride.findMany()).map((o) => [o.ruleId, o.rule]));
  return defaultRules(config).map((rule) => {
    const stored = overrides.get(rule.id);
    if (!stored) return rule;
    const parsed = ruleSchema.safeParse(JSON.parse(stored));
    if (parsed.success && parsed.data.kind === rule.kind) return parsed.data;
    log.warn('ignoring an invalid stored alert rule', { ruleId: rule.id });
    return rule;
  });
}

/** An edit: any of the rule's fields except its id and kind. */
export const ruleEditSchema = z.record(z.string(), z.unknown());

/** Validates and stores an admin's edit of one rule; returns the rule now in force. */
export async function saveRule(id: string, edit: Record<string, unknown>, author: string, config: DefaultsConfig, db: Db = appDb): Promise<AlertRule> {
  const current = await ruleInForce(id, config, db);
  if ('id' in edit && edit.id !== id) throw new AppError('bad_request', 'a rule’s id cannot be changed');
  if ('kind' in edit && edit.kind !== current.kind) throw new AppError('bad_request', 'a rule’s kind cannot be changed');
  const parsed = ruleSchema.safeParse({ ...current, ...edit });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('bad_request', `invalid rule: ${issues.map((i) => `${i.path || 'rule'}: ${i.message}`).join('; ')}`, issues);
  }
  const rule = parsed.data;
  const now = new Date();
  const row = { rule: JSON.stringify(rule), updatedBy: author, updatedAt: now };
  const changed = Object.keys(edit).filter((k) => JSON.stringify((current as Record<string, unknown>)[k]) !== JSON.stringify((rule as Record<string, unknown>)[k]));
  await db.$transaction([
    db.alertRuleOverride.upsert({ where: { ruleId: id }, create: { ruleId: id, ...row }, update: row }),
    db.alertEvent.create({
      data: { ruleId: id, at: now, fromState: 'edit', toState: 'edit', value: null, detail: `rule edited by ${author}: ${changed.join(', ') || 'no change'}` },
    }),
  ]);
  return rule;
}

async function ruleInForce(id: string, config: DefaultsConfig, db: Db): Promise<AlertRule> {
  const rule = (await loadRules(config, db)).find((r) => r.id === id);
  if (!rule) throw new AppError('not_found', `unknown alert rule: ${id}`);
  return rule;
}

/** Puts a rule back to its default; returns it. */
export async function resetRule(id: string, author: string, config: DefaultsConfig, db: Db = appDb): Promise<AlertRule> {
  await ruleInForce(id, config, db);
  const now = new Date();
  await db.$transaction([
    db.alertRuleOverride.deleteMany({ where: { ruleId: id } }),
    db.alertEvent.create({ data: { ruleId: id, at: now, fromState: 'edit', toState: 'edit', value: null, detail: `rule reset to its default by ${author}` } }),
  ]);
  return ruleInForce(id, config, db);
}
