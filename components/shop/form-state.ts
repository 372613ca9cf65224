import type { FormState } from '@/lib/form-state';

/**
 * A field's message as a sentence. Schema messages are fragments that follow the field's name
 * ("must be an email address"); domain messages are already whole.
 */
export function fieldError(state: FormState, field: string, label: string): string | undefined {
  const message = state.fieldErrors?.[field];
  if (!message) return undefined;
  return /^(is|must) /.test(message) ? `${label} ${message}.` : `${message[0]?.toUpperCase()}${message.slice(1)}.`;
}

/** What the Verify button's action returns. */
export type VerifyState =
  | { status: 'idle' }
  | { status: 'valid'; payload: string }
  | { status: 'invalid'; message: string };
