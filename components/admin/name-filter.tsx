import Form from 'next/form';
import Link from 'next/link';
import { Button } from '@/components/ui/button';

/** A GET form that filters a list by name; submitting starts again at the first page. */
export function NameFilter({ basePath, name, label }: { basePath: string; name: string; label: string }) {
  const filtered = name !== '' && name !== '*';
  return (
    <Form action={basePath} role="search" aria-label={label} className="mb-6 flex flex-col gap-1">
      <label htmlFor="name-filter" className="text-sm font-medium text-char-800">
        {label}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="name-filter"
          name="name"
          type="search"
          defaultValue={filtered ? name : ''}
          placeholder="e.g. pizza*"
          aria-describedby="name-filter-hint"
          className="h-10 min-w-0 flex-1 basis-48 rounded-xl border border-char-900/20 bg-white px-3 text-char-900 placeholder:text-char-700/60"
        />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filtered && (
          <Link href={basePath} className="inline-flex h-10 items-center rounded-full px-3 text-sm font-semibold text-char-800 hover:bg-crust-100">
            Clear filter
          </Link>
        )}
      </div>
      <p id="name-filter-hint" className="text-sm text-char-700">
        Finds names containing the text. <span className="font-mono">*</span> is a wildcard: <span className="font-mono">pizza*</span> finds
        names starting with “pizza”.
      </p>
    </Form>
  );
}
