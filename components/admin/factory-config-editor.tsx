'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import type { ConfigFormState } from '@/app/admin/factory/schemas';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FactoryConfigDocument } from '@/lib/factory-client/admin';
import { announce } from './action-toast';
import { CONFIG_FIELDS, DRILL_MINUTES, type ConfigField } from './factory-fields';
import { FormMessage } from './form-message';

type ConfigAction = (state: ConfigFormState, formData: FormData) => Promise<ConfigFormState>;

const idle: ConfigFormState = { status: 'idle' };

interface Props {
  action: ConfigAction;
  version: number;
  document: FactoryConfigDocument;
  /** Per field: the factory's description and safe limit, already worded. */
  hints: Partial<Record<keyof FactoryConfigDocument, string>>;
  /** Why the form cannot be used now (a drill is running), if it cannot. */
  lockedBecause?: string;
}

/**
 * Edits the factory's configuration. Sends only the fields that differ from the version shown,
 * with that version as `expectedVersion`, so a concurrent edit is refused rather than
 * overwritten. When the safety envelope refuses a change, each problem appears next to its
 * field and the same values can be run as a time-limited drill instead.
 *
 * The page refreshes itself after a change (its smoke test, a rollback), so a new version may
 * come in while the admin edits. The form then targets it, without starting over: the fields the
 * admin changed keep their values (typed ones by the browser, submitted ones from the last
 * answer), the others follow the version in force, and a note says what happened.
 */
export function FactoryConfigEditor({ action, version, document, hints, lockedBecause }: Props) {
  const router = useRouter();
  // The version the admin began editing against, until a save goes through.
  const [editingFrom, setEditingFrom] = useState<number | null>(null);
  const [state, formAction] = useActionState(async (previous: ConfigFormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === 'success') {
      setEditingFrom(null);
      if (next.message) announce(next.message);
    }
    return next;
  }, idle);
  // Messages about an older version are dropped; the values the admin changed are not.
  const answer = state.values?.expectedVersion === String(version) ? state : idle;
  const changedByAdmin = (key: ConfigField['key']) => (state.values?.[key] !== state.values?.[`was.${key}`] ? state.values?.[key] : undefined);
  const valueOf = (field: ConfigField) => changedByAdmin(field.key) ?? String(document[field.key]);
  const reasonError = answer.fieldErrors?.reason;

  return (
    <form action={formAction} onChange={() => setEditingFrom((from) => from ?? Math.max(version, state.savedVersion ?? 0))} aria-labelledby="editor-title" className="flex flex-col gap-4">
      <div>
        <h2 id="editor-title" className="text-lg font-semibold text-char-900">
          Change the configuration
        </h2>
        <p className="mt-1 text-sm text-char-700">
          Edit what should change and say why. Only changed values are sent, signed with your email, against version {version}. The factory refuses
          anything outside its safe envelope; you can then rehearse it as a drill.
        </p>
      </div>
      {editingFrom !== null && version > editingFrom && (
        <p role="status" className="rounded-xl border border-crust-300 bg-crust-100 px-4 py-3 text-sm text-char-800">
          Version {version} came into force while you were editing version {editingFrom}. The values you changed are kept, the others are now those
          of version {version}, and Save sends your change against it.
        </p>
      )}
      {lockedBecause && (
        <p className="rounded-xl border border-crust-300 bg-crust-100 px-4 py-3 text-sm text-char-800" id="editor-locked">
          {lockedBecause}
        </p>
      )}
      <fieldset disabled={Boolean(lockedBecause)} aria-describedby={lockedBecause ? 'editor-locked' : undefined} className="flex min-w-0 flex-col gap-4 disabled:opacity-60">
        <legend className="sr-only">Configuration values</legend>
        <input type="hidden" name="expectedVersion" value={version} />
        {CONFIG_FIELDS.map((field) => (
          <input key={field.key} type="hidden" name={`was.${field.key}`} value={document[field.key]} />
        ))}
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {CONFIG_FIELDS.map((field) => (
            <Field
              key={field.key}
              id={`config-${field.key}`}
              label={field.label}
              name={field.key}
              type="number"
              inputMode={field.step === '1' ? 'numeric' : 'decimal'}
              step={field.step}
              required
              defaultValue={valueOf(field)}
              hint={hints[field.key]}
              error={answer.fieldErrors?.[field.key]}
            />
          ))}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="config-reason" className="text-sm font-medium text-char-800">
            Reason
          </label>
          <textarea
            id="config-reason"
            name="reason"
            required
            minLength={3}
            maxLength={500}
            rows={2}
            placeholder="e.g. a slower oven for the new dough"
            defaultValue={state.values?.reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'config-reason-error' : 'config-reason-hint'}
            className={`rounded-xl border bg-white px-3 py-2 text-char-900 placeholder:text-char-700/50 ${reasonError ? 'border-sauce-500' : 'border-char-900/20'}`}
          />
          {reasonError ? (
            <p id="config-reason-error" className="text-sm text-sauce-700">
              {reasonError}
            </p>
          ) : (
            <p id="config-reason-hint" className="text-sm text-char-700">
              Recorded in the history and announced to every subscriber.
            </p>
          )}
        </div>
        {answer.status === 'error' && <FormMessage state={answer} />}
        <div className="flex flex-wrap gap-2">
          <SubmitButton pendingText="Sending to the factory…">Save change</SubmitButton>
          {answer.stale && (
            <Button type="button" variant="secondary" onClick={() => router.refresh()}>
              Reload the configuration
            </Button>
          )}
        </div>
        {answer.offerDrill && (
          <div role="group" aria-labelledby="drill-title" className="flex flex-col gap-3 rounded-xl border border-crust-300 bg-crust-100 p-4">
            <div>
              <h3 id="drill-title" className="font-semibold text-char-900">
                Run as a drill instead?
              </h3>
              <p className="mt-1 text-sm text-char-800">
                A drill applies these values now and reverts by itself when its time is up, so you can rehearse a slow or failing factory on
                purpose. While it runs, no other change applies; you can end it early.
              </p>
            </div>
            <div className="flex flex-wrap items-end gap-3">
              <div className="flex flex-col gap-1">
                <label htmlFor="drill-minutes" className="text-sm font-medium text-char-800">
                  Drill length
                </label>
                <select
                  id="drill-minutes"
                  name="drillMinutes"
                  defaultValue={state.values?.drillMinutes ?? '15'}
                  aria-invalid={answer.fieldErrors?.drillMinutes ? true : undefined}
                  aria-describedby={answer.fieldErrors?.drillMinutes ? 'drill-minutes-error' : undefined}
                  className="h-11 rounded-xl border border-char-900/20 bg-white px-3 text-char-900"
                >
                  {DRILL_MINUTES.map((minutes) => (
                    <option key={minutes} value={minutes}>
                      {minutes} minutes
                    </option>
                  ))}
                </select>
              </div>
              <SubmitButton name="intent" value="drill" variant="secondary" pendingText="Starting the drill…">
                Run as a drill instead
              </SubmitButton>
            </div>
            {answer.fieldErrors?.drillMinutes && (
              <p id="drill-minutes-error" className="text-sm text-sauce-700">
                {answer.fieldErrors.drillMinutes}
              </p>
            )}
          </div>
        )}
      </fieldset>
    </form>
  );
}
