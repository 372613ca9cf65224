'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ruleFields } from '@/components/admin/alerts/rule-fields';
import { requireAdmin } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { editAlertRule, resetAlertRule } from '@/lib/telemetry/alerts/admin';
import { currentRules } from '@/lib/telemetry/alerts/engine';
import { plainMessage, ruleEditForm, ruleTarget } from './schemas';

/** Admins' edits of the alert rules. Each action checks the admin again and validates its form. */

const PATH = '/admin/alerts';
const issues = z.array(z.object({ path: z.string(), message: z.string() }));

async function ruleFor(values: Record<string, string>) {
  const target = ruleTarget.safeParse(values);
  if (!target.success) return null;
  return (await currentRules()).find((r) => r.id === target.data.ruleId) ?? null;
}

const unknownRule: FormState = { status: 'error', message: 'This alert rule no longer exists. Reload the page.' };

/** The rule schema's verdict, each problem next to its field ("windows.0" for a window pair). */
function ruleFailure(error: unknown, values: Record<string, string>, fieldNames: string[]): FormState {
  if (!(error instanceof AppError) || error.code !== 'bad_request') return failedForm(error, values);
  const problems = issues.safeParse(error.details);
  if (!problems.success) return failedForm(error, values);
  const fieldErrors: Record<string, string> = {};
  const other: string[] = [];
  for (const { path, message } of problems.data) {
    const field = fieldNames.find((name) => name === path) ?? (/^windows\.\d+$/.test(path) ? path : undefined);
    if (field) fieldErrors[field] ??= plainMessage(message);
    else other.push(`${path || 'rule'}: ${plainMessage(message)}`);
  }
  return { status: 'error', message: other.length ? `The rule was not saved: ${other.join('; ')}.` : 'The rule was not saved: please fix the highlighted fields.', fieldErrors, values };
}

export async function saveRuleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin(PATH);
  const values = formValues(formData);
  const rule = await ruleFor(values);
  if (!rule) return unknownRule;
  const edit = ruleEditForm(rule).safeParse(values);
  if (!edit.success) return invalidForm(edit.error, values);
  try {
    await editAlertRule(rule.id, edit.data, admin.email);
  } catch (error) {
    return ruleFailure(error, values, ruleFields(rule).map((f) => f.name));
  }
  revalidatePath(PATH);
  return { status: 'success', message: `Saved “${rule.name}”. The engine uses it from its next evaluation.` };
}

export async function resetRuleAction(_state: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin(PATH);
  const values = formValues(formData);
  const rule = await ruleFor(values);
  if (!rule) return unknownRule;
  try {
    await resetAlertRule(rule.id, admin.email);
  } catch (error) {
    return failedForm(error, values);
  }
  revalidatePath(PATH);
  return { status: 'success', message: `“${rule.name}” is back to its default.` };
}
