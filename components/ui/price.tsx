import { formatBtc, SAT_PER_BTC } from '@/lib/store/money';

/** A ₿ amount. Takes satoshi (exact) or a ₿ number from the API. */
export function Price({ sat, btc, className = '' }: { sat?: number; btc?: number; className?: string }) {
  return <span className={`tabular-nums ${className}`}>{formatBtc(sat ?? Math.round((btc ?? 0) * SAT_PER_BTC))}</span>;
}
