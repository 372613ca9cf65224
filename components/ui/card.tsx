export function Card({ className = '', ...props }: React.ComponentProps<'div'>) {
  return <div className={`rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm ${className}`} {...props} />;
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-3xl font-bold tracking-tight text-char-900 wrap-anywhere">{title}</h1>
        {subtitle && <p className="mt-1 text-char-700 wrap-anywhere">{subtitle}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

/** A placeholder for what is not there; `titleAs="h1"` when it is all the page says (a not-found page). */
export function EmptyState({
  title,
  titleAs: Title = 'p',
  children,
  action,
}: {
  title: string;
  titleAs?: 'p' | 'h1';
  children?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="rounded-2xl border-2 border-dashed border-char-900/15 bg-white/60 px-6 py-10 text-center">
      <Title className="text-lg font-semibold text-char-800">{title}</Title>
      {children && <div className="mt-1 text-char-700">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad'; children: React.ReactNode }) {
  const tones = {
    neutral: 'bg-char-900/5 text-char-800',
    good: 'bg-basil-500/10 text-basil-600',
    warn: 'bg-crust-200 text-char-900',
    bad: 'bg-sauce-500/10 text-sauce-700',
  };
  return <span className={`inline-flex max-w-full flex-wrap items-center rounded-full wrap-anywhere px-2.5 py-0.5 text-xs font-semibold ${tones[tone]}`}>{children}</span>;
}
