import { describe, expect, it } from 'vitest';
import { likePattern } from '@/lib/store/search';

/** Evaluates a LIKE pattern with ESCAPE '\' the way the database does, to test meaning, not text. */
function like(pattern: string, value: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's').test(value.toLowerCase());
}

describe('likePattern', () => {
  it('treats * as a wildcard and anchors the filter', () => {
    expect(likePattern('*')).toBe('%');
    expect(likePattern('pizza*')).toBe('pizza%');
    expect(likePattern('*pocket')).toBe('%pocket');
    expect(likePattern('p*a')).toBe('p%a');
    expect(likePattern('a**b')).toBe('a%b');
    expect(like(likePattern('pizza*'), 'pizzaPocket')).toBe(true);
    expect(like(likePattern('pizza*'), 'my pizzaPocket')).toBe(false);
  });

  it('matches names containing the filter when it has no *, case-insensitively', () => {
    expect(likePattern('Pocket')).toBe('%pocket%');
    expect(like(likePattern('Pocket'), 'pizzaPocket SLC')).toBe(true);
    expect(like(likePattern('POCKET'), 'pizzapocket')).toBe(true);
    expect(like(likePattern(''), 'anything')).toBe(true);
  });

  it('escapes % and _ (and the escape character) so they match only themselves', () => {
    expect(likePattern('100%')).toBe('%100\\%%');
    expect(likePattern('a_b')).toBe('%a\\_b%');
    expect(likePattern('a\\b')).toBe('%a\\\\b%');
    expect(like(likePattern('100%'), 'deal 100% off')).toBe(true);
    expect(like(likePattern('100%'), 'deal 1000 off')).toBe(false);
    expect(like(likePattern('a_b'), 'a_b')).toBe(true);
    expect(like(likePattern('a_b'), 'axb')).toBe(false);
    expect(like(likePattern('%'), 'no percent here')).toBe(false);
    expect(like(likePattern('a\\b'), 'a\\b')).toBe(true);
  });
});
