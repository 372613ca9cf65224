'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { isCurrentPath } from '@/components/layout/nav-link';

/** The admin sections. Add a section here and it appears in the admin navigation. */
export const adminNavItems = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/franchises', label: 'Franchises' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/menu', label: 'Menu' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/latency', label: 'Latency' },
  { href: '/admin/alerts', label: 'Alerts' },
  { href: '/admin/incidents', label: 'Incidents' },
  { href: '/admin/factory', label: 'Factory' },
] as const satisfies readonly { href: string; label: string }[];

// Overview is current only on /admin itself, not on the sections below it.
const isCurrent = (pathname: string, href: string) => (href === '/admin' ? pathname === href : isCurrentPath(pathname, href));

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin">
      {/* Wraps rather than scrolls: on a phone every section stays in sight. */}
      <ul className="flex flex-wrap gap-x-1 border-b border-char-900/10">
        {adminNavItems.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2.5 text-sm font-semibold transition-colors ${
                  current
                    ? 'border-sauce-500 text-sauce-700'
                    : 'border-transparent text-char-700 hover:border-char-900/20 hover:text-char-900'
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
