import type { BreakerState } from '@/lib/factory-client/breaker';

const states: Record<BreakerState, { label: string; dot: string; tone: string; explain: string }> = {
  closed: {
    label: 'Closed',
    dot: 'bg-basil-500',
    tone: 'border-basil-500/30 bg-basil-500/10 text-basil-600',
    explain: 'Orders go straight to the factory.',
  },
  open: {
    label: 'Open',
    dot: 'bg-sauce-500',
    tone: 'border-sauce-500/30 bg-sauce-500/10 text-sauce-700',
    explain: 'The factory kept failing, so calls are paused. New orders are kept as pending and retried.',
  },
  'half-open': {
    label: 'Half-open',
    dot: 'bg-crust-300',
    tone: 'border-crust-300 bg-crust-200 text-char-900',
    explain: 'Trying the factory with one order to see whether it has recovered.',
  },
};

/** The factory circuit breaker's state as a pill: a coloured dot and the word, never colour alone. */
export function BreakerBadge({ state }: { state: BreakerState }) {
  const s = states[state];
  return (
    <span className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm font-bold ${s.tone}`}>
      <span aria-hidden="true" className={`size-2.5 rounded-full ${s.dot} ${state === 'closed' ? '' : 'animate-pulse'}`} />
      Circuit {s.label.toLowerCase()}
    </span>
  );
}

export const explainBreaker = (state: BreakerState) => states[state].explain;
