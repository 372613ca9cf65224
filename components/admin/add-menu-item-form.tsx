'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction } from '@/lib/form-state';
import { FormMessage } from './form-message';

export function AddMenuItemForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, idleForm);
  const descriptionError = state.fieldErrors?.description;
  return (
    <form action={formAction} aria-labelledby="add-pizza-title" className="flex flex-col gap-4">
      <h2 id="add-pizza-title" className="text-lg font-semibold text-char-900">
        Add pizza
      </h2>
      <Field
        id="pizza-title"
        label="Title"
        name="title"
        required
        maxLength={60}
        autoComplete="off"
        placeholder="e.g. Hawaiian"
        defaultValue={state.values?.title}
        error={state.fieldErrors?.title}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="pizza-description" className="text-sm font-medium text-char-800">
          Description
        </label>
        <textarea
          id="pizza-description"
          name="description"
          required
          maxLength={300}
          rows={3}
          placeholder="e.g. Pineapple, ham and an argument"
          defaultValue={state.values?.description}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={descriptionError ? 'pizza-description-error' : undefined}
          className={`rounded-xl border bg-white px-3 py-2 text-char-900 placeholder:text-char-700/50 ${
            descriptionError ? 'border-sauce-500' : 'border-char-900/20'
          }`}
        />
        {descriptionError && (
          <p id="pizza-description-error" className="text-sm text-sauce-700">
            {descriptionError}
          </p>
        )}
      </div>
      <Field
        id="pizza-image"
        label="Image"
        name="image"
        required
        maxLength={300}
        autoComplete="off"
        placeholder="/pizzas/veggie.svg"
        hint="A path on this site or a full https:// URL."
        defaultValue={state.values?.image}
        error={state.fieldErrors?.image}
      />
      <Field
        id="pizza-price"
        label="Price (₿)"
        name="price"
        required
        inputMode="decimal"
        autoComplete="off"
        placeholder="0.0042"
        hint="In bitcoin, up to 8 decimal places."
        defaultValue={state.values?.price}
        error={state.fieldErrors?.price}
      />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingText="Adding…">Add pizza</SubmitButton>
      </div>
    </form>
  );
}
