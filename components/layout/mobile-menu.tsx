'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The header's menu on small screens: a <details> disclosure (it works before hydration) that
 * also closes when one of its links is followed or the page changes, on Escape (focus back on
 * its button), on a click or tap outside it, and when the focus moves outside it.
 */
export function MobileMenu({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const close = (event: PointerEvent | KeyboardEvent) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        details.open = false;
        details.querySelector('summary')?.focus();
      } else if (!details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  return (
    <details
      ref={menu}
      className="relative md:hidden"
      onClick={(event) => {
        if ((event.target as Element).closest('a') && menu.current) menu.current.open = false;
      }}
      onBlur={(event) => {
        // Tabbing out closes it; a blur to nowhere (another window) leaves it as it was.
        const next = event.relatedTarget;
        if (next && menu.current && !menu.current.contains(next)) menu.current.open = false;
      }}
    >
      <summary className="cursor-pointer list-none rounded-full px-3 py-2 text-sm font-semibold hover:bg-crust-100" aria-label="Menu">
        Menu ☰
      </summary>
      {children}
    </details>
  );
}
