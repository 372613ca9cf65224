'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { signInPath } from '@/lib/auth/return-to';

/**
 * For a layout that guards a section but cannot know which of its pages was asked for (a layout
 * is not given the path): sends the visitor to sign in and back to this very page, so a link to
 * /admin/incidents/7 from an alert lands there after signing in, not on /admin.
 */
export function SignInRedirect() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const href = signInPath(search ? `${pathname}?${search}` : pathname);
  const router = useRouter();
  useEffect(() => {
    router.replace(href);
  }, [router, href]);
  return (
    <p role="status" className="py-16 text-center text-char-800">
      Sign in to open this page.{' '}
      <Link href={href} className="font-semibold text-sauce-700 underline underline-offset-2">
        Sign in
      </Link>
    </p>
  );
}
