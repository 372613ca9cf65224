import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

/**
 * Passwords are hashed with scrypt (memory-hard, in Node's crypto: no native dependency).
 * Default cost: N = 2^15, r = 8, p = 1, about 32 MiB and 50-100 ms per hash on our 2-core
 * machines. The parameters are stored with each hash, so the cost can be raised later.
 * Format: scrypt$<log2N>$<r>$<p>$<salt b64url>$<hash b64url>
 */
const KEY_LENGTH = 32;
const R = 8;
const P = 1;

function options(log2n: number, r: number, p: number): ScryptOptions {
  const n = 2 ** log2n;
  return { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
}

export async function hashPassword(password: string, log2n: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options(log2n, R, P));
  return ['scrypt', log2n, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !log2n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(
    password.normalize('NFKC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    options(Number(log2n), Number(r), Number(p)),
  );
  return timingSafeEqual(actual, expected);
}

/** A hash to compare against when the email is unknown, so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(log2n: number): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'), log2n);
  return dummyHash;
}
