'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { VerifyState } from './form-state';
import { JsonBlock } from './json-block';

type VerifyAction = (state: VerifyState, formData: FormData) => Promise<VerifyState>;

/** Asks the factory whether this pizza is genuine and shows its answer. */
export function VerifyPizza({ action, jwt }: { action: VerifyAction; jwt: string }) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <div>
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="jwt" value={jwt} />
        <SubmitButton pendingText="Asking the factory…">Verify</SubmitButton>
        <p className="text-sm text-char-700">Ask the pizza factory to check the signature.</p>
      </form>
      <div aria-live="polite" className="mt-4 empty:hidden">
        {state.status === 'valid' && (
          <div className="rounded-xl border border-basil-500/40 bg-basil-500/10 p-4">
            <p className="flex flex-wrap items-center gap-2 font-semibold text-basil-600">
              <span aria-hidden="true">✓</span>
              <span className="rounded-full bg-basil-600 px-2.5 py-0.5 text-sm text-white">valid</span>
              The factory confirms this pizza is genuine.
            </p>
            <p className="mb-2 mt-3 text-sm font-semibold text-char-800">Payload the factory read</p>
            <JsonBlock value={state.payload} />
          </div>
        )}
        {state.status === 'invalid' && (
          <div className="rounded-xl border border-sauce-500/40 bg-sauce-500/10 p-4">
            <p className="flex flex-wrap items-center gap-2 font-semibold text-sauce-700">
              <span aria-hidden="true">✗</span>
              <span className="rounded-full bg-sauce-600 px-2.5 py-0.5 text-sm text-white">invalid</span>
              {state.message[0]?.toUpperCase()}
              {state.message.slice(1)}.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
