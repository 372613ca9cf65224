import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { resetRule, saveRule } from './catalog';
import { alertsConfig, currentRules } from './engine';
import type { AlertRule } from './rules';

/** Admins' edits of the alert rules (PUT/DELETE /api/alerts/:id and the admin pages), with the running configuration. */

/** Validates and stores an edit (any fields but id and kind); returns the rule now in force. */
export const editAlertRule = (id: string, edit: Record<string, unknown>, author: string, db: Db = appDb): Promise<AlertRule> => saveRule(id, edit, author, alertsConfig(), db);

/** Puts a rule back to its default; returns it. */
export async function resetAlertRule(id: string, author: string, db: Db = appDb): Promise<AlertRule> {
  if (!(await currentRules(db)).some((r) => r.id === id)) throw notFound(`alert rule ${id}`);
  await resetRule(id, author, db);
  return (await currentRules(db)).find((r) => r.id === id)!;
}
