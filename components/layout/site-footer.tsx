import Link from 'next/link';

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-char-900/10 py-8 text-sm text-char-700">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4">
        <p>JWT Pizza — every pie signed, every signature checkable.</p>
        <nav aria-label="Footer" className="flex gap-4">
          <Link href="/about" className="hover:underline">About</Link>
          <Link href="/docs" className="hover:underline">API docs</Link>
        </nav>
      </div>
    </footer>
  );
}
