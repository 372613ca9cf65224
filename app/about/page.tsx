import type { Metadata } from 'next';
import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';

export const metadata: Metadata = { title: 'About' };

const sections = [
  {
    title: 'Every pizza is a JWT',
    body: (
      <>
        When you pay, our store records your order, prices it from the menu, and asks the pizza factory to make it. The factory
        answers with a JSON Web Token: your pizza. Its payload names the vendor, you, and exactly what you ordered, and it is signed
        with the factory’s private key (RS256).
      </>
    ),
  },
  {
    title: 'Check it yourself',
    body: (
      <>
        The factory publishes its public keys at{' '}
        <code className="rounded bg-crust-100 px-1.5 py-0.5 font-mono text-sm">/factory/.well-known/jwks.json</code>. Anyone holding
        only those keys can check that a pizza is genuine. On each order’s page you can see the token, read what it says, and press{' '}
        <strong>Verify</strong> to ask the factory directly.
      </>
    ),
  },
  {
    title: 'A store and a factory, apart',
    body: (
      <>
        The store and the factory are separate services that talk only over HTTP. If the factory is slow, your order is still recorded
        and shown as “in the kitchen” instead of leaving you staring at a spinner.
      </>
    ),
  },
  {
    title: 'Built to be poked at',
    body: (
      <>
        JWT Pizza began as a teaching app: a browser front end, a REST service and a pizza factory. This version keeps the same REST
        API, so existing clients and test suites keep working. The{' '}
        <Link href="/docs" className="font-semibold text-sauce-700 underline underline-offset-2">
          API docs
        </Link>{' '}
        list every endpoint with an example.
      </>
    ),
  },
];

export default function AboutPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="About JWT Pizza" subtitle="Pizza with a signature you can check." />
      <div className="grid gap-4 sm:grid-cols-2">
        {sections.map((section) => (
          <section key={section.title} className="rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm">
            <h2 className="text-lg font-bold text-char-900">{section.title}</h2>
            <p className="mt-2 leading-relaxed text-char-700">{section.body}</p>
          </section>
        ))}
      </div>
      <div className="mt-8 flex flex-wrap gap-3">
        <ButtonLink href="/menu" size="lg">
          Order a pizza
        </ButtonLink>
        <ButtonLink href="/docs" variant="secondary" size="lg">
          Read the API docs
        </ButtonLink>
      </div>
    </div>
  );
}
