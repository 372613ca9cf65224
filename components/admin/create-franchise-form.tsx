'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction } from '@/lib/form-state';
import { FormMessage } from './form-message';
import { useFreshFormState } from './use-fresh-form-state';

export function CreateFranchiseForm({ action }: { action: FormAction }) {
  const [answer, formAction] = useActionState(action, idleForm);
  const { state, formEvents } = useFreshFormState(answer);
  return (
    <form action={formAction} {...formEvents} aria-labelledby="create-franchise-title" className="flex flex-col gap-4">
      <h2 id="create-franchise-title" className="text-lg font-semibold text-char-900">
        Create franchise
      </h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Field
          id="franchise-name"
          label="Franchise name"
          name="name"
          required
          maxLength={60}
          autoComplete="off"
          placeholder="e.g. pizzaPocket"
          defaultValue={state.values?.name}
          error={state.fieldErrors?.name}
        />
        <Field
          id="franchise-admins"
          label="Franchisee emails"
          name="admins"
          required
          autoComplete="off"
          placeholder="ada@example.com, grace@example.com"
          hint="People who will run it. They need an account; separate several emails with commas."
          defaultValue={state.values?.admins}
          error={state.fieldErrors?.admins}
        />
      </div>
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingText="Creating…">Create franchise</SubmitButton>
      </div>
    </form>
  );
}
