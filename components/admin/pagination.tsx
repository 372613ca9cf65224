import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

interface PaginationProps {
  basePath: string;
  page: number;
  /** Whether `page` counts from 0 (franchises) or 1 (users), as the API does. */
  firstPage: 0 | 1;
  hasMore: boolean;
  /** Other query parameters to keep, such as the name filter. */
  query?: Record<string, string>;
}

/** Previous/next links for a list whose API says only whether there is `more`. */
export function Pagination({ basePath, page, firstPage, hasMore, query = {} }: PaginationProps) {
  const hasPrevious = page > firstPage;
  if (!hasPrevious && !hasMore) return null;
  const href = (target: number) => `${basePath}?${new URLSearchParams({ ...query, page: String(target) })}`;
  const disabled = `${buttonClass('secondary', 'sm')} pointer-events-none opacity-50`;
  return (
    <nav aria-label="Pages" className="mt-6 flex items-center justify-between gap-4">
      {hasPrevious ? (
        <Link href={href(page - 1)} className={buttonClass('secondary', 'sm')} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          ← Previous
        </span>
      )}
      <span className="text-sm text-char-700">Page {page - firstPage + 1}</span>
      {hasMore ? (
        <Link href={href(page + 1)} className={buttonClass('secondary', 'sm')} rel="next">
          Next →
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
