import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { RegisterForm } from '@/components/shop/auth-forms';
import { PageHeader } from '@/components/ui/card';
import { safeReturnTo } from '@/lib/auth/return-to';
import { currentUser } from '@/lib/auth/session';
import type { SearchParamsProps } from '../search-params';
import { registerAction } from './actions';

export const metadata: Metadata = { title: 'Create an account' };

export default async function RegisterPage({ searchParams }: SearchParamsProps) {
  const returnTo = safeReturnTo((await searchParams).returnTo);
  if (await currentUser()) redirect(returnTo);
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Create an account" subtitle="One account for ordering, tracking and verifying your pizzas." />
      <RegisterForm action={registerAction} returnTo={returnTo} />
    </div>
  );
}
