/** A loading placeholder shaped like a page header and a few cards. */
export function PageSkeleton({ cards = 3, label }: { cards?: number; label: string }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading {label}…</span>
      <div className="mb-6 flex flex-col gap-2" aria-hidden="true">
        <div className="h-8 w-56 rounded-lg bg-crust-200/70" />
        <div className="h-4 w-80 max-w-full rounded bg-crust-100" />
      </div>
      <div className="flex flex-col gap-4" aria-hidden="true">
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="h-32 rounded-2xl border border-char-900/5 bg-white/70" />
        ))}
      </div>
    </div>
  );
}
