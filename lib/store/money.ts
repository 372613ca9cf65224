/** Money is stored as integer satoshi so sums are exact; ₿ numbers exist only at the edges. */
export const SAT_PER_BTC = 100_000_000;

export const satToBtc = (sat: number): number => sat / SAT_PER_BTC;
export const btcToSat = (btc: number): number => Math.round(btc * SAT_PER_BTC);

/** "₿0.0038": at least 4 decimals, no trailing zeros beyond that. */
export function formatBtc(sat: number): string {
  const text = satToBtc(sat).toFixed(8).replace(/0+$/, '');
  const [whole, fraction = ''] = text.split('.');
  return `₿${whole}.${fraction.padEnd(4, '0')}`;
}
