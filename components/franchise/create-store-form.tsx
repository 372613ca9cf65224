'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/admin/form-message';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction } from '@/lib/form-state';

export function CreateStoreForm({ franchiseId, franchiseName, action }: { franchiseId: number; franchiseName: string; action: FormAction }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} aria-label={`Create a store for ${franchiseName}`} className="flex flex-col gap-3">
      <input type="hidden" name="franchiseId" value={franchiseId} />
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1 basis-44">
          <Field
            id={`store-name-${franchiseId}`}
            label="Store name"
            name="name"
            placeholder="e.g. Provo"
            autoComplete="off"
            required
            maxLength={60}
            defaultValue={state.values?.name}
            error={state.fieldErrors?.name}
          />
        </div>
        <SubmitButton className="mt-6 h-11" pendingText="Creating…">
          Create store
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
