import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { FranchiseAdmins, FranchiseOverview } from '@/components/franchise/franchise-panel';
import { Alert } from '@/components/ui/alert';
import { Card, PageHeader } from '@/components/ui/card';
import { closeStoreAction, createStoreAction } from '@/app/franchise/actions';
import { franchiseIdParams } from '@/lib/api/schemas';
import { requireAdmin } from '@/lib/auth/session';
import { nullIfNotFound } from '@/lib/errors';
import { getFranchise, withAllTimeRevenue } from '@/lib/store/franchises';

type Props = {
  params: Promise<{ franchiseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The franchise with its revenue, or null when there is none by that number; once per request, for the title and the page. */
const findFranchise = cache(async (raw: string) => {
  const user = await requireAdmin(`/admin/franchises/${raw}`);
  const parsed = franchiseIdParams.safeParse({ franchiseId: raw });
  if (!parsed.success) return null;
  const found = await nullIfNotFound(getFranchise(user, parsed.data.franchiseId));
  const [franchise] = found ? await withAllTimeRevenue([found]) : [];
  return franchise ?? null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await findFranchise((await params).franchiseId)) ? 'Franchise · Admin' : 'Franchise not found · Admin' };
}

export default async function AdminFranchisePage({ params, searchParams }: Props) {
  const franchise = await findFranchise((await params).franchiseId);
  if (!franchise) notFound();
  const justCreated = (await searchParams).created === '1';

  return (
    <>
      <Link href="/admin/franchises" className="mb-3 inline-block text-sm font-semibold text-char-700 hover:text-sauce-700 hover:underline">
        ← All franchises
      </Link>
      <PageHeader title={franchise.name} />
      <div className="-mt-3 mb-6">
        <FranchiseAdmins admins={franchise.admins ?? []} />
      </div>
      {justCreated && (
        <div className="mb-6">
          <Alert tone="success">Franchise {franchise.name} created. Add its first store below.</Alert>
        </div>
      )}
      <Card className="p-5 sm:p-6">
        <FranchiseOverview franchise={franchise} actions={{ createStore: createStoreAction, closeStore: closeStoreAction }} />
      </Card>
    </>
  );
}
