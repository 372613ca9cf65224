import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';

const COST = 10; // log2 N; production defaults to 15

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery', COST);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores the algorithm and its parameters with the hash, never the password', async () => {
    const hash = await hashPassword('s3cret-pass', COST);
    const parts = hash.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '10', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64url')).toHaveLength(32);
    expect(hash).not.toContain('s3cret-pass');
  });

  it('salts: two hashes of one password differ and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same password', COST), hashPassword('same password', COST)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('keeps verifying hashes made at another cost, so the cost can be raised later', async () => {
    const hash = await hashPassword('old account', 11);
    expect(hash.startsWith('scrypt$11$')).toBe(true);
    expect(await verifyPassword('old account', hash)).toBe(true);
  });

  it('treats composed and decomposed Unicode forms of a password as the same', async () => {
    const hash = await hashPassword('caf\u00e9-pizza', COST);
    expect(await verifyPassword('cafe\u0301-pizza', hash)).toBe(true);
  });

  it('refuses malformed stored hashes', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$10$8$1$abc$def')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$10$8$1$abc')).toBe(false);
  });
});
