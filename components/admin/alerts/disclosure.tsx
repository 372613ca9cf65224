'use client';

import { useState } from 'react';

/**
 * A <details> open at first when `defaultOpen`, then left to the reader: the live refresh of
 * the page does not open or close it again when the state behind `defaultOpen` changes.
 */
export function Disclosure({ defaultOpen, summary, className, children }: { defaultOpen: boolean; summary: React.ReactNode; className?: string; children: React.ReactNode }) {
  const [initiallyOpen] = useState(defaultOpen);
  return (
    <details className={className} open={initiallyOpen}>
      <summary className="cursor-pointer py-1 text-sm font-semibold text-char-800">{summary}</summary>
      {children}
    </details>
  );
}
