'use client';

import { useActionState, useCallback, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction, type FormState } from '@/lib/form-state';
import { announce } from './action-toast';
import { FormMessage } from './form-message';

interface ConfirmActionProps {
  action: FormAction;
  /** Hidden inputs sent with the confirmation, e.g. the id of what is removed. */
  fields: Record<string, string | number>;
  /** The button that opens the dialog; `triggerName` is its accessible name when the label alone is ambiguous. */
  triggerLabel: string;
  triggerName?: string;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
}

/** A destructive action behind a modal confirmation (native <dialog>: focus is trapped and returned). */
export function ConfirmAction({ triggerLabel, triggerName, ...dialog }: ConfirmActionProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // A fresh form per opening, so an old error is not shown again.
  const [opening, setOpening] = useState(0);
  const titleId = useId();
  // The dialog needs JavaScript: the trigger stays disabled until hydration, so no click is lost.
  const hydrated = useHydrated();
  const close = useCallback(() => ref.current?.close(), []);
  const open = () => {
    setOpening((n) => n + 1);
    ref.current?.showModal();
  };
  return (
    <>
      <Button type="button" variant="danger" size="sm" aria-label={triggerName} aria-haspopup="dialog" disabled={!hydrated} onClick={open}>
        {triggerLabel}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-char-900/10 bg-white p-0 text-left text-char-900 shadow-xl backdrop:bg-char-900/50"
      >
        <ConfirmForm key={opening} titleId={titleId} close={close} {...dialog} />
      </dialog>
    </>
  );
}

function ConfirmForm({
  action,
  fields,
  title,
  children,
  confirmLabel,
  pendingLabel,
  titleId,
  close,
}: Omit<ConfirmActionProps, 'triggerLabel' | 'triggerName'> & { titleId: string; close: () => void }) {
  // Reacts to success here, not in an effect: the row holding this dialog may be gone by the next render.
  const [state, formAction] = useActionState(async (previous: FormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === 'success') {
      close();
      if (next.message) announce(next.message);
    }
    return next;
  }, idleForm);
  return (
    <form action={formAction} className="flex flex-col gap-4 p-6">
      <h2 id={titleId} className="text-xl font-bold tracking-tight wrap-anywhere">
        {title}
      </h2>
      <div className="text-char-700 wrap-anywhere">{children}</div>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.status === 'error' && <FormMessage state={state} />}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={close} autoFocus>
          Cancel
        </Button>
        <SubmitButton pendingText={pendingLabel}>{confirmLabel}</SubmitButton>
      </div>
    </form>
  );
}
