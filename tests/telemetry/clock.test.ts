import { afterEach, describe, expect, it, vi } from 'vitest';
import { epochMs } from '@/lib/telemetry/clock';

/**
 * Calls are stamped with epochMs instead of Date.now (which Next wraps). The stamps decide a
 * call's time bucket and its in-flight age, so they must stay on the wall clock, also after
 * the system clock is set.
 */
describe('the per-call wall clock', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads the wall clock', () => {
    const before = Date.now();
    const stamp = epochMs();
    const after = Date.now();
    expect(stamp).toBeGreaterThanOrEqual(before - 1);
    expect(stamp).toBeLessThanOrEqual(after + 1);
  });

  it('follows a change of the system clock within a second, and reads Date.now at most once a second', () => {
    let mono = 1_000_000;
    let wall = Date.parse('2026-12-07T10:00:00.000Z');
    vi.spyOn(performance, 'now').mockImplementation(() => mono);
    const dateNow = vi.spyOn(Date, 'now').mockImplementation(() => wall + (mono - 1_000_000));
    expect(epochMs()).toBe(wall);
    const reads = dateNow.mock.calls.length;

    mono += 400;
    expect(epochMs()).toBe(wall + 400);
    wall += 3_600_000; // the system clock is set an hour ahead
    mono += 300;
    expect(epochMs()).toBe(wall - 3_600_000 + 700); // not yet seen
    expect(dateNow.mock.calls.length).toBe(reads);
    mono += 400;
    expect(epochMs()).toBe(wall + 1_100); // a second after the last reading: seen
    expect(dateNow.mock.calls.length).toBe(reads + 1);
  });

  it('stamps a given performance.now() reading', () => {
    const mono = performance.now();
    const stamp = epochMs(mono);
    expect(Math.abs(stamp - (Date.now() - (performance.now() - mono)))).toBeLessThan(5);
  });
});
