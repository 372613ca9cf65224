'use client';

import { useState, type FormEvent } from 'react';
import type { FormState } from '@/lib/form-state';

/**
 * A form's last answer from the server, less what the admin has acted on since: a field's error
 * goes once that field is edited, and every message at the next submit attempt, also one the
 * browser's own validation stops (no new answer would ever replace them then).
 */
export function useFreshFormState(state: FormState) {
  // What was acted on, for this answer only: a new answer shows all of its messages.
  const [acted, setActed] = useState(() => notActedOn(state));
  const { editedFields, resubmitted } = acted.state === state ? acted : notActedOn(state);
  const fieldErrors = Object.entries(state.fieldErrors ?? {}).filter(([field]) => !resubmitted && !editedFields.includes(field));
  // "Please fix the highlighted fields" goes with the last highlighted field.
  const summaryOfFixed = state.fieldErrors !== undefined && fieldErrors.length === 0;
  const resubmit = () => setActed({ state, editedFields, resubmitted: true });

  return {
    state: { ...state, fieldErrors: Object.fromEntries(fieldErrors), message: resubmitted || summaryOfFixed ? undefined : state.message },
    formEvents: {
      onChange: (event: FormEvent<HTMLFormElement>) => {
        const { name } = event.target as HTMLInputElement;
        if (name && !editedFields.includes(name)) setActed({ state, editedFields: [...editedFields, name], resubmitted });
      },
      onInvalidCapture: resubmit,
      onSubmit: resubmit,
    },
  };
}

const notActedOn = (state: FormState) => ({ state, editedFields: [] as string[], resubmitted: false });
