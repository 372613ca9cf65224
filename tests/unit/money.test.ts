import { describe, expect, it } from 'vitest';
import { SEED_MENU } from '@/lib/store/seed';
import { btcToSat, formatBtc, SAT_PER_BTC, satToBtc } from '@/lib/store/money';

describe('money: ₿ ↔ satoshi', () => {
  it('converts the seed prices to exact satoshi and back', () => {
    expect(SAT_PER_BTC).toBe(100_000_000);
    expect(btcToSat(0.0038)).toBe(380_000);
    expect(btcToSat(0.0042)).toBe(420_000);
    expect(btcToSat(0.0028)).toBe(280_000);
    expect(btcToSat(0.0099)).toBe(990_000);
    for (const item of SEED_MENU) expect(satToBtc(btcToSat(item.price))).toBe(item.price);
  });

  it('round-trips every amount with up to 8 decimals, including float-unfriendly ones', () => {
    for (const btc of [0.00000001, 0.1, 0.2, 0.3, 0.07, 0.0213, 0.12345678, 0.99999999, 1]) {
      expect(satToBtc(btcToSat(btc))).toBe(btc);
    }
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; in satoshi it is exactly 0.3.
    expect(btcToSat(0.1 + 0.2)).toBe(30_000_000);
    for (let sat = 0; sat <= 2_000_000; sat += 997) expect(btcToSat(satToBtc(sat))).toBe(sat);
  });

  it('sums many item prices exactly, where adding the ₿ floats drifts', () => {
    const prices = Array.from({ length: 1000 }, (_, i) => SEED_MENU[i % SEED_MENU.length]!.price);
    const floatSum = prices.reduce((a, b) => a + b, 0);
    const exact = satToBtc(prices.reduce((a, p) => a + btcToSat(p), 0));
    // 200 of each: 200 × (0.0038 + 0.0042 + 0.0042 + 0.0028 + 0.0099) = 200 × 0.0249 = 4.98
    expect(exact).toBe(4.98);
    expect(floatSum).not.toBe(4.98);
    // The contract's revenue example: 3 × Veggie + 1 × Charred Leopard.
    expect(satToBtc(3 * btcToSat(0.0038) + btcToSat(0.0099))).toBe(0.0213);
  });
});

describe('formatBtc', () => {
  it('shows at least four decimals and drops trailing zeros beyond them', () => {
    expect(formatBtc(380_000)).toBe('₿0.0038');
    expect(formatBtc(0)).toBe('₿0.0000');
    expect(formatBtc(100_000_000)).toBe('₿1.0000');
    expect(formatBtc(2_130_000)).toBe('₿0.0213');
    expect(formatBtc(12_345)).toBe('₿0.00012345');
    expect(formatBtc(1)).toBe('₿0.00000001');
    expect(formatBtc(123_456_789)).toBe('₿1.23456789');
    expect(formatBtc(1_050_000)).toBe('₿0.0105');
  });
});
