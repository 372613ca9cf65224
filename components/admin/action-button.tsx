'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction, type FormState } from '@/lib/form-state';
import { announce } from './action-toast';

/**
 * A one-button form for an action that needs no confirmation (retry an order, end a drill).
 * The button's own UI may vanish on success (the row leaves, the banner goes), so the
 * outcome is announced in the toast; a failure is shown next to the button.
 */
export function ActionButton({
  action,
  fields = {},
  label,
  accessibleName,
  pendingLabel,
  variant = 'secondary',
  align = 'end',
}: {
  action: FormAction;
  fields?: Record<string, string | number>;
  label: string;
  accessibleName?: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary' | 'danger';
  align?: 'start' | 'end';
}) {
  const [state, formAction] = useActionState(async (previous: FormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === 'success' && next.message) announce(next.message);
    return next;
  }, idleForm);
  return (
    <form action={formAction} className={`flex flex-col items-start gap-1 ${align === 'end' ? 'sm:items-end' : ''}`}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton size="sm" variant={variant} aria-label={accessibleName} pendingText={pendingLabel}>
        {label}
      </SubmitButton>
      {state.status === 'error' && (
        <p role="alert" className="max-w-xs text-sm text-sauce-700">
          {state.message ?? Object.values(state.fieldErrors ?? {})[0]}
        </p>
      )}
    </form>
  );
}
