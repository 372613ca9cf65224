'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Whether `href` is the page at `pathname` or one of the pages below it. */
export const isCurrentPath = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

/** A header link that marks itself (aria-current and an underline) on its page and the pages below it. */
export function NavLink({ href, className, children }: { href: string; className: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = isCurrentPath(pathname, href);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined} className={`${className} aria-[current=page]:text-sauce-700 aria-[current=page]:underline aria-[current=page]:decoration-2 aria-[current=page]:underline-offset-8`}>
      {children}
    </Link>
  );
}
