export function Alert({ tone = 'error', children }: { tone?: 'error' | 'success' | 'info'; children: React.ReactNode }) {
  const tones = {
    error: 'border-sauce-500/30 bg-sauce-500/5 text-sauce-700',
    success: 'border-basil-500/30 bg-basil-500/5 text-basil-600',
    info: 'border-char-900/10 bg-crust-100 text-char-800',
  };
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-xl border px-4 py-3 text-sm wrap-anywhere ${tones[tone]}`}>
      {children}
    </div>
  );
}
