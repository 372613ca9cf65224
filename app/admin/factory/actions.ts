'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { isConfigKey, type ConfigKey } from '@/components/admin/factory-fields';
import { formatDuration } from '@/components/ui/duration';
import { isAdmin } from '@/lib/auth/roles';
import { currentUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { factoryAdmin, type FactoryConfigDocument } from '@/lib/factory-client/admin';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { configChangeForm, rollbackForm, shownDocument, type ConfigFormState } from './schemas';

/**
 * The factory console's actions. The factory's admin API trusts whoever holds the admin key,
 * so each action first checks that the signed-in user is an admin, and signs the change
 * with their email.
 */

const PATH = '/admin/factory';
const notAdmin: FormState = { status: 'error', message: 'Only admins can change the pizza factory. Sign in again as an admin.' };

async function adminEmail(): Promise<string | null> {
  const user = await currentUser();
  return user && isAdmin(user) ? user.email : null;
}

const problems = z.array(z.object({ path: z.string(), message: z.string() }));

/** "invalid body: changes.failureRate: Too big…; changes.x: …" → per-field messages. */
function fieldsFromMessage(message: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of message.replace(/^invalid body: /, '').split('; ')) {
    const match = /^(?:changes\.)?(\w+): (.+)$/.exec(part);
    if (match && isConfigKey(match[1]!)) fields[match[1]!] ??= match[2]!;
  }
  return fields;
}

/** The factory's answer to a change, as the editor shows it: each problem next to its field, in the factory's words. */
function configFailure(error: unknown, values: Record<string, string>, intent: 'change' | 'drill'): ConfigFormState {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'unprocessable') {
    const details = problems.safeParse(error.details);
    const fieldErrors: Record<string, string> = {};
    let message: string | undefined;
    for (const problem of details.success ? details.data : []) {
      if (isConfigKey(problem.path)) fieldErrors[problem.path] ??= problem.message;
      else if (problem.path.startsWith('experiment')) fieldErrors.drillMinutes ??= problem.message;
      else message ??= `The factory refused: ${problem.message}.`;
    }
    const refusedField = Object.keys(fieldErrors).some(isConfigKey);
    if (!message && !refusedField && !fieldErrors.drillMinutes) message = `The factory refused: ${error.message}.`;
    return {
      status: 'error',
      message: message ?? (refusedField ? 'The factory refused this change: it is outside the safe envelope. Nothing was changed.' : undefined),
      fieldErrors,
      values,
      offerDrill: intent === 'change' && refusedField,
    };
  }
  if (error.code === 'conflict') {
    const experiment = /experiment/i.test(error.message);
    return {
      status: 'error',
      message: experiment
        ? `An experiment is running, so the factory accepts no other change until it ends. The factory says: “${error.message}”.`
        : `Someone changed the configuration since you opened this page, so nothing was changed. The factory says: “${error.message}”. Reload to see their change, then try again.`,
      values,
      stale: true,
    };
  }
  if (error.code === 'bad_request') {
    const fieldErrors = fieldsFromMessage(error.message);
    return Object.keys(fieldErrors).length
      ? { status: 'error', message: 'The factory did not accept these values.', fieldErrors, values }
      : { status: 'error', message: `The factory did not accept this change: ${error.message}.`, values };
  }
  if (error.code === 'unavailable') {
    return { status: 'error', message: 'The pizza factory could not be reached, so nothing was changed. Try again in a moment.', values };
  }
  return failedForm(error, values);
}

/** Sends the edited fields (only those that differ from what the page showed) as a change or as a drill. */
export async function changeConfigAction(_state: ConfigFormState, formData: FormData): Promise<ConfigFormState> {
  const values = formValues(formData);
  const author = await adminEmail();
  if (!author) return { ...notAdmin, values };
  const input = configChangeForm.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  const shown = shownDocument.safeParse(Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (k.startsWith('was.') ? [[k.slice(4), v]] : []))));
  const { reason, expectedVersion, intent, drillMinutes, ...edited } = input.data;
  const changes: Partial<FactoryConfigDocument> = {};
  for (const key of Object.keys(edited) as ConfigKey[]) {
    if (!shown.success || shown.data[key] !== edited[key]) changes[key] = edited[key];
  }
  if (Object.keys(changes).length === 0) {
    return { status: 'error', message: 'Nothing to send: change at least one value first.', values };
  }
  const expiresAt = new Date(Date.now() + drillMinutes * 60_000).toISOString();
  let version: number;
  try {
    ({ version } = await factoryAdmin.change({
      changes,
      reason,
      author,
      expectedVersion,
      ...(intent === 'drill' ? { experiment: { expiresAt } } : {}),
    }));
  } catch (error) {
    return configFailure(error, values, intent);
  }
  revalidatePath(PATH);
  return {
    status: 'success',
    savedVersion: version,
    message:
      intent === 'drill'
        ? `Drill started as version ${version}. It reverts by itself in ${drillMinutes} minutes.`
        : `Version ${version} is in force.${env().smokeTest.enabled ? ' The store is smoke-testing it; this page follows the result.' : ''}`,
  };
}

export async function endExperimentAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const author = await adminEmail();
  if (!author) return notAdmin;
  let version: number;
  try {
    ({ version } = await factoryAdmin.endExperiment({ author, reason: 'ended early from the admin console' }));
  } catch (error) {
    if (error instanceof AppError && error.code === 'unavailable') return { status: 'error', message: 'The pizza factory could not be reached. Try again in a moment.' };
    return failedForm(error, values);
  }
  revalidatePath(PATH);
  return { status: 'success', message: `Experiment ended: version ${version} restores the configuration from before it.` };
}

export async function rollbackAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const author = await adminEmail();
  if (!author) return notAdmin;
  const input = rollbackForm.safeParse(values);
  if (!input.success) {
    const message = input.error.issues.map((i) => `${i.path.join('.') || 'form'} ${i.message}`).join('; ');
    return { ...invalidForm(input.error, values), message: `Please check the form: ${message}.` };
  }
  let version: number;
  try {
    ({ version } = await factoryAdmin.rollback({ ...input.data, author }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const detail = problems.safeParse(error.details);
    const why = detail.success && detail.data.length ? detail.data.map((p) => p.message).join(' ') : error.message;
    const reload = error.code === 'conflict' ? ' Reload the page to see the latest version.' : '';
    return { status: 'error', message: `The factory refused the rollback: ${why}${reload}`, values };
  }
  revalidatePath(PATH);
  return { status: 'success', message: `Rolled back to version ${input.data.version}, recorded as version ${version}.` };
}

export async function rotateKeyAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  if (!(await adminEmail())) return notAdmin;
  let keys;
  try {
    keys = await factoryAdmin.rotateKey();
  } catch (error) {
    return failedForm(error, values);
  }
  revalidatePath(PATH);
  const next = [...keys].sort((a, b) => Date.parse(b.signingFrom) - Date.parse(a.signingFrom))[0];
  return {
    status: 'success',
    message: next ? `New key ${next.kid.slice(0, 10)}… published; it starts signing in ${formatDuration(Date.parse(next.signingFrom) - Date.now())}.` : 'Key rotated.',
  };
}
