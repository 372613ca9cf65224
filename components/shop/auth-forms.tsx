'use client';

import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm, type FormAction } from '@/lib/form-state';
import { fieldError } from './form-state';


export interface DemoAccount {
  label: string;
  email: string;
  password: string;
}

const withReturnTo = (path: string, returnTo: string) => (returnTo === '/' ? path : `${path}?returnTo=${encodeURIComponent(returnTo)}`);

export function LoginForm({ action, returnTo, demoAccounts = [] }: { action: FormAction; returnTo: string; demoAccounts?: DemoAccount[] }) {
  const [state, formAction] = useActionState(action, idleForm);
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const fillIn = (account: DemoAccount) => {
    if (email.current) email.current.value = account.email;
    if (password.current) password.current.value = account.password;
    password.current?.focus();
  };

  return (
    <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_18rem]">
      <form action={formAction} className="flex flex-col gap-4 self-start rounded-2xl border border-char-900/10 bg-white p-6 shadow-sm" noValidate>
        <input type="hidden" name="returnTo" value={returnTo} />
        {state.status === 'error' && state.message && <Alert>{state.message}</Alert>}
        <Field
          ref={email}
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          error={fieldError(state, 'email', 'Email')}
        />
        <Field
          ref={password}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(state, 'password', 'Password')}
        />
        <SubmitButton size="lg" pendingText="Signing in…">
          Sign in
        </SubmitButton>
        <p className="text-center text-sm text-char-700">
          New here?{' '}
          <Link href={withReturnTo('/register', returnTo)} className="font-semibold text-sauce-700 underline-offset-2 hover:underline">
            Create an account
          </Link>
        </p>
      </form>

      {demoAccounts.length > 0 && (
        <section aria-labelledby="demo-heading" className="self-start rounded-2xl border border-dashed border-char-900/20 bg-crust-100 p-5">
          <h2 id="demo-heading" className="font-bold text-char-900">
            Demo accounts
          </h2>
          <p className="mt-1 text-sm text-char-700">Seed data for trying the app. Anyone can use these, so don’t keep anything private here.</p>
          <ul className="mt-4 space-y-3">
            {demoAccounts.map((account) => (
              <li key={account.email} className="rounded-xl bg-white p-3 text-sm">
                <p className="font-semibold text-char-900">{account.label}</p>
                <p className="break-all font-mono text-xs text-char-700">{account.email}</p>
                <p className="font-mono text-xs text-char-700">{account.password}</p>
                <Button type="button" variant="secondary" size="sm" className="mt-2" onClick={() => fillIn(account)}>
                  Fill in {account.label.toLowerCase()}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function RegisterForm({ action, returnTo }: { action: FormAction; returnTo: string }) {
  const [state, formAction] = useActionState(action, idleForm);
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4 rounded-2xl border border-char-900/10 bg-white p-6 shadow-sm" noValidate>
      <input type="hidden" name="returnTo" value={returnTo} />
      {state.status === 'error' && state.message && <Alert>{state.message}</Alert>}
      <Field label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={fieldError(state, 'name', 'Name')} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={fieldError(state, 'email', 'Email')}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={fieldError(state, 'password', 'Password')}
      />
      <SubmitButton size="lg" pendingText="Creating your account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-char-700">
        Already have an account?{' '}
        <Link href={withReturnTo('/login', returnTo)} className="font-semibold text-sauce-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
