'use client';

import { useActionState, useEffect } from 'react';
import { Alert } from '@/components/ui/alert';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction } from '@/lib/form-state';
import { fieldError } from './form-state';


/** `passwordSaved`: the page after a password change (the action redirects there, see its actions.ts). */
export function ProfileForm({ action, name, email, passwordSaved = false }: { action: FormAction; name: string; email: string; passwordSaved?: boolean }) {
  const [state, formAction] = useActionState(action, idleForm);
  useEffect(() => {
    // Said once: a reload or a bookmark does not say it again.
    if (passwordSaved) window.history.replaceState(null, '', window.location.pathname);
  }, [passwordSaved]);
  return (
    <form action={formAction} className="flex flex-col gap-4 rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm" noValidate>
      {state.status === 'error' && state.message && <Alert>{state.message}</Alert>}
      {state.status === 'success' && state.message && <Alert tone="success">{state.message}</Alert>}
      {state.status === 'idle' && passwordSaved && <Alert tone="success">Profile and password saved. Browsers still signed in with the old password are signed out.</Alert>}
      <Field label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name ?? name} error={fieldError(state, 'name', 'Name')} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? email}
        error={fieldError(state, 'email', 'Email')}
      />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to keep your current password."
        error={fieldError(state, 'password', 'Password')}
      />
      <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
    </form>
  );
}
