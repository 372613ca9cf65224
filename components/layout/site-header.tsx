import Link from 'next/link';
import { signOutAction } from '@/app/actions';
import { currentUser } from '@/lib/auth/session';
import { franchiseIdsOf, isAdmin } from '@/lib/auth/roles';
import { Logo } from './logo';
import { MobileMenu } from './mobile-menu';
import { NavLink } from './nav-link';

export async function SiteHeader() {
  const user = await currentUser();
  const links = [
    { href: '/menu', label: 'Order' },
    ...(user ? [{ href: '/dashboard', label: 'My orders' }] : []),
    ...(user && franchiseIdsOf(user).length ? [{ href: '/franchise', label: 'Franchise' }] : []),
    ...(isAdmin(user) ? [{ href: '/admin', label: 'Admin' }] : []),
    { href: '/about', label: 'About' },
  ];
  const authLinks = user ? (
    <form action={signOutAction}>
      <button type="submit" className="whitespace-nowrap rounded-full px-3 py-2 text-sm font-semibold text-char-800 hover:bg-crust-100">
        Sign out
      </button>
    </form>
  ) : (
    <>
      <Link href="/login" className="rounded-full px-3 py-2 text-sm font-semibold text-char-800 hover:bg-crust-100">
        Sign in
      </Link>
      <Link href="/register" className="rounded-full bg-sauce-500 px-4 py-2 text-sm font-semibold text-white hover:bg-sauce-600">
        Sign up
      </Link>
    </>
  );
  return (
    <header className="sticky top-0 z-30 border-b border-char-900/10 bg-crust-50/90 backdrop-blur">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4">
        <Link href="/" className="flex shrink-0 items-center gap-2 whitespace-nowrap text-lg font-bold tracking-tight">
          <Logo />
          <span>JWT Pizza</span>
        </Link>
        <nav aria-label="Main" className="hidden items-center gap-1 md:flex">
          {links.map((l) => (
            <NavLink key={l.href} href={l.href} className="whitespace-nowrap rounded-full px-3 py-2 text-sm font-semibold text-char-800 hover:bg-crust-100">
              {l.label}
            </NavLink>
          ))}
          <span className="mx-2 h-6 w-px bg-char-900/10" aria-hidden="true" />
          {user && (
            <span className="hidden max-w-48 truncate px-2 text-sm text-char-700 lg:inline" data-testid="signed-in-as" title={user.name}>
              {user.name}
            </span>
          )}
          {authLinks}
        </nav>
        <MobileMenu>
          <nav aria-label="Main (mobile)" className="absolute right-0 mt-2 flex w-56 flex-col gap-1 rounded-2xl border border-char-900/10 bg-white p-2 shadow-lg">
            {links.map((l) => (
              <NavLink key={l.href} href={l.href} className="rounded-xl px-3 py-2 text-sm font-semibold hover:bg-crust-100">
                {l.label}
              </NavLink>
            ))}
            <div className="flex flex-wrap items-center gap-1 border-t border-char-900/10 pt-2">
              {user && <span className="w-full px-3 py-1 text-sm text-char-700 wrap-anywhere">Signed in as {user.name}</span>}
              {authLinks}
            </div>
          </nav>
        </MobileMenu>
      </div>
    </header>
  );
}
