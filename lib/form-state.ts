import type { z } from 'zod';
import { AppError, type ErrorCode } from '@/lib/errors';

/** What a form's server action hands back to `useActionState`. */
export interface FormState {
  status: 'idle' | 'success' | 'error';
  message?: string;
  /** The first problem per field, keyed by the field's name. */
  fieldErrors?: Record<string, string>;
  /** The submitted text, so a rejected form keeps what was typed. */
  values?: Record<string, string>;
  /** The browser session had ended: the form offers a way to sign in again. */
  signedOut?: boolean;
  /** Checkout: the cart changed after it was paid as this order; it links to it, and the cart is paid as a new order next time. */
  paidOrderId?: number;
  /** Checkout: the store closed; it links back to the menu to choose another. */
  storeClosed?: boolean;
}

export const idleForm: FormState = { status: 'idle' };

/** A form's text fields (Next's internal `$ACTION_*` entries and files left out). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value;
  }
  return values;
}

/** A zod failure as per-field messages next to each field. */
export function invalidForm(error: z.ZodError, values: Record<string, string>): FormState {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    fieldErrors[field] ??= issue.message;
  }
  return { status: 'error', message: 'Please fix the highlighted fields.', fieldErrors, values };
}

/**
 * A domain error as a form message, shown next to a field when `fieldFor` names one for its
 * code. Anything that is not an AppError is a bug: rethrown to the error boundary.
 */
export function failedForm(
  error: unknown,
  values: Record<string, string>,
  fieldFor: Partial<Record<ErrorCode, string>> = {},
): FormState {
  if (!(error instanceof AppError)) throw error;
  const field = fieldFor[error.code];
  if (field) return { status: 'error', fieldErrors: { [field]: error.message }, values };
  // The page was older than the data: say so, rather than only "franchise not found".
  const stale = error.code === 'not_found' ? ' It may have been removed elsewhere: reload the page to see the latest.' : '';
  return { status: 'error', message: `${asSentence(error.message)}${stale}`, values };
}

/** A domain message ("franchise not found", as the REST API says it) as a sentence for a form. */
const asSentence = (message: string) => `${message[0]?.toUpperCase() ?? ''}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;

/** A server action driven by `useActionState`. */
export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;
