import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { resetRule, saveRule } from './catalog';
import { alertsConfig } from './engine';
import type { AlertRule } from './rules';

/** Admins' edits of the alert rules (PUT/DELETE /api/alerts/:id and the admin pages), with the running configuration. */

/** Validates and stores an edit (any fields but id and kind); returns the rule now in force. */
export const editAlertRule = (id: string, edit: Record<string, unknown>, author: string, db: Db = appDb): Promise<AlertRule> => saveRule(id, edit, author, alertsConfig(), db);

/** Puts a rule back to its default; returns it. */
export const resetAlertRule = (id: string, author: string, db: Db = appDb): Promise<AlertRule> => resetRule(id, author, alertsConfig(), db);
