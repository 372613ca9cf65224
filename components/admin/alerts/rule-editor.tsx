'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction, type FormState } from '@/lib/form-state';
import type { AlertRule } from '@/lib/telemetry/alerts/rules';
import { announce } from '../action-toast';
import { FormMessage } from '../form-message';
import { formatFieldValue, ruleFields, valueAt, type RuleField } from './rule-fields';

const SEVERITIES = ['critical', 'warning', 'info'] as const;

function useFormAction(action: FormAction) {
  return useActionState(async (previous: FormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === 'success' && next.message) announce(next.message);
    return next;
  }, idleForm);
}

/**
 * Edits one alert rule: enabled, severity and its kind's numbers, each with its default as a
 * hint. The server validates with the rule schema and shows each problem next to its field;
 * every save or reset is written to the rule's history.
 */
export function RuleEditor({ rule, byDefault, edited, saveAction, resetAction }: { rule: AlertRule; byDefault: AlertRule; edited: string[]; saveAction: FormAction; resetAction: FormAction }) {
  const [state, formAction] = useFormAction(saveAction);
  const [resetState, resetFormAction] = useFormAction(resetAction);
  const fields = ruleFields(rule);
  const prefix = `rule-${rule.id}`;
  const textOf = (name: string) => state.values?.[name] ?? String(valueAt(rule, name) ?? '');
  const hintOf = (field: RuleField) => {
    const was = valueAt(byDefault, field.name);
    return edited.includes(field.name) ? `Edited · default ${formatFieldValue(field, was)}` : `Default ${formatFieldValue(field, was)}`;
  };
  const groups = [...new Set(fields.flatMap((f) => (f.group ? [f.group] : [])))];
  const field = (f: RuleField) => (
    <Field
      key={f.name}
      id={`${prefix}-${f.name}`}
      label={f.label}
      name={f.name}
      type="text"
      inputMode={f.whole ? 'numeric' : 'decimal'}
      autoComplete="off"
      defaultValue={textOf(f.name)}
      hint={hintOf(f)}
      error={state.fieldErrors?.[f.name]}
    />
  );
  const severityError = state.fieldErrors?.severity;

  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} noValidate aria-label={`Edit ${rule.name}`} className="flex flex-col gap-4">
        <input type="hidden" name="ruleId" value={rule.id} />
        <label className="flex w-fit items-center gap-3 text-sm font-medium text-char-800">
          <input type="checkbox" name="enabled" defaultChecked={state.values ? state.values.enabled === 'on' : rule.enabled} className="size-4 accent-sauce-500" />
          Enabled
          {edited.includes('enabled') && <span className="text-xs font-normal text-char-700">(edited · default {byDefault.enabled ? 'on' : 'off'})</span>}
        </label>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${prefix}-severity`} className="text-sm font-medium text-char-800">
              Severity
            </label>
            <select
              id={`${prefix}-severity`}
              name="severity"
              defaultValue={state.values?.severity ?? rule.severity}
              aria-invalid={severityError ? true : undefined}
              aria-describedby={`${prefix}-severity-hint`}
              className="h-11 rounded-xl border border-char-900/20 bg-white px-3 text-char-900"
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <p id={`${prefix}-severity-hint`} className={`text-sm ${severityError ? 'text-sauce-700' : 'text-char-700'}`}>
              {severityError ?? `Critical opens an incident. Default ${byDefault.severity}.`}
            </p>
          </div>
          {fields.filter((f) => !f.group).map(field)}
        </div>
        {groups.map((group, i) => (
          <fieldset key={group} className="rounded-xl border border-char-900/10 p-3" aria-describedby={state.fieldErrors?.[group] ? `${prefix}-${group}-error` : undefined}>
            <legend className="px-1 text-sm font-semibold text-char-800">Burn-rate window pair {i + 1}</legend>
            {state.fieldErrors?.[group] && (
              <p id={`${prefix}-${group}-error`} className="mb-2 text-sm text-sauce-700">
                {state.fieldErrors[group]}
              </p>
            )}
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">{fields.filter((f) => f.group === group).map(field)}</div>
          </fieldset>
        ))}
        {state.status === 'error' && <FormMessage state={state} />}
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton size="sm" pendingText="Saving…">
            Save rule
          </SubmitButton>
          <span className="text-sm text-char-700">Saved rules apply from the next evaluation and are recorded in the history.</span>
        </div>
      </form>
      {edited.length > 0 && (
        <form action={resetFormAction} className="flex flex-wrap items-center gap-3 border-t border-char-900/10 pt-3">
          <input type="hidden" name="ruleId" value={rule.id} />
          <SubmitButton size="sm" variant="danger" pendingText="Resetting…" aria-label={`Reset ${rule.name} to its default`}>
            Reset to default
          </SubmitButton>
          <span className="text-sm text-char-700">Edited: {edited.join(', ')}.</span>
          {resetState.status === 'error' && <FormMessage state={resetState} />}
        </form>
      )}
    </div>
  );
}
