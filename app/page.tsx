import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { DeniedNotice } from '@/components/layout/denied-notice';
import { PizzaImage } from '@/components/shop/pizza-image';
import { Skeleton } from '@/components/shop/skeleton';
import { ButtonLink } from '@/components/ui/button';
import { Price } from '@/components/ui/price';
import { getMenu } from '@/lib/store/menu';

const steps = [
  { title: 'Pick', text: 'Choose a store near you and fill your cart from the menu.' },
  { title: 'Pay', text: 'Check out in bitcoin. Prices always come from our menu, never from your browser.' },
  { title: 'Verify', text: 'Your pizza arrives as a JWT signed by the factory. Check the signature with one click.' },
];

export default function HomePage() {
  return (
    <>
      {/* Read in the browser, so the page stays static. */}
      <Suspense fallback={null}>
        <DeniedNotice />
      </Suspense>
      <section className="grid items-center gap-8 pb-12 pt-2 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] md:gap-12 md:pt-8">
        <div>
          <p className="mb-4 inline-flex rounded-full bg-basil-500/10 px-3 py-1 text-sm font-semibold text-basil-600">Signed, sealed, delivered</p>
          <h1 className="text-4xl font-extrabold tracking-tight text-char-900 sm:text-5xl lg:text-6xl">
            Pizza you can <span className="text-sauce-600">verify</span>.
          </h1>
          <p className="mt-5 max-w-xl text-lg text-char-700">
            Every JWT Pizza leaves the oven as a JSON Web Token, signed by the pizza factory. Order one, then check its signature
            yourself. No trust required, just crust.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <ButtonLink href="/menu" size="lg">
              Order now
            </ButtonLink>
            <ButtonLink href="/about" variant="secondary" size="lg">
              How it works
            </ButtonLink>
          </div>
        </div>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/hero-pizza.svg" alt="" width={620} height={660} fetchPriority="high" className="mx-auto w-full max-w-md md:max-w-none" />
      </section>

      <section aria-labelledby="steps-heading" className="py-8">
        <h2 id="steps-heading" className="sr-only">
          How ordering works
        </h2>
        <ol className="grid gap-4 sm:grid-cols-3">
          {steps.map((step, i) => (
            <li key={step.title} className="rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm">
              <span className="flex size-9 items-center justify-center rounded-full bg-sauce-500 font-bold text-white" aria-hidden="true">
                {i + 1}
              </span>
              <h3 className="mt-3 text-lg font-bold text-char-900">{step.title}</h3>
              <p className="mt-1 text-char-700">{step.text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="menu-heading" className="py-8">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <h2 id="menu-heading" className="text-2xl font-bold text-char-900">
            Fresh from the factory
          </h2>
          <Link href="/menu" className="font-semibold text-sauce-700 underline-offset-2 hover:underline">
            See the full menu →
          </Link>
        </div>
        <Suspense fallback={<MenuPreviewSkeleton />}>
          <MenuPreview />
        </Suspense>
      </section>
    </>
  );
}

async function MenuPreview() {
  await connection();
  const menu = (await getMenu()).slice(0, 5);
  if (menu.length === 0) return <p className="text-char-700">The menu is being written. Check back soon.</p>;
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
      {menu.map((item) => (
        <li key={item.id} className="rounded-2xl border border-char-900/10 bg-white p-4 text-center shadow-sm">
          <PizzaImage src={item.image} alt="" className="mx-auto aspect-square w-full max-w-32 object-contain" />
          <p className="mt-3 font-semibold text-char-900">{item.title}</p>
          <Price sat={item.priceSat} className="text-sm text-char-700" />
        </li>
      ))}
    </ul>
  );
}

function MenuPreviewSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" aria-hidden="true">
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-52" />
      ))}
    </div>
  );
}
