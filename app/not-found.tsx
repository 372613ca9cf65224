import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center py-10 text-center">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src="/pizzas/crusty.svg" alt="" width={160} height={160} loading="lazy" className="opacity-90" />
      <p className="mt-6 font-mono text-sm font-semibold text-sauce-700">404</p>
      <h1 className="mt-1 text-3xl font-bold text-char-900">This slice has gone missing</h1>
      <p className="mt-3 text-char-700">We looked in every oven, but there’s no page at this address.</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <ButtonLink href="/">Go home</ButtonLink>
        <ButtonLink href="/menu" variant="secondary">
          Order a pizza
        </ButtonLink>
      </div>
    </div>
  );
}
