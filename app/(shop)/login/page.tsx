import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm, type DemoAccount } from '@/components/shop/auth-forms';
import { PageHeader } from '@/components/ui/card';
import { safeReturnTo } from '@/lib/auth/return-to';
import { currentUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { DEMO_USERS } from '@/lib/store/seed';
import type { SearchParamsProps } from '../search-params';
import { signInAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: SearchParamsProps) {
  const returnTo = safeReturnTo((await searchParams).returnTo);
  if (await currentUser()) redirect(returnTo);
  const demoAccounts: DemoAccount[] = env().seedDemo
    ? [
        { label: 'Demo diner', email: DEMO_USERS.diner.email, password: DEMO_USERS.diner.password },
        { label: 'Demo franchisee', email: DEMO_USERS.franchisee.email, password: DEMO_USERS.franchisee.password },
      ]
    : [];
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Sign in"
        subtitle={returnTo === '/checkout' ? 'Sign in to finish your order. Your cart is saved.' : 'Welcome back. Your pizzas are waiting.'}
      />
      <LoginForm action={signInAction} returnTo={returnTo} demoAccounts={demoAccounts} />
    </div>
  );
}
