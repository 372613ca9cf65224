import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushLogs, log } from '@/lib/log';

let out: string[];
beforeEach(() => {
  out = [];
  const capture = (chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

const SECRETS = ['pw-SECRET-1', 'tok-SECRET-2', 'Bearer auth-SECRET-3', 'key-SECRET-4', 'sid=cookie-SECRET-5', 'pw-SECRET-6', 'jwt-SECRET-7', 'as-SECRET-8'];

describe('log redaction', () => {
  it.each(['debug', 'info', 'warn', 'error'] as const)('%s: secrets never reach the output, nested or in arrays; normal fields do', (level) => {
    log[level]('request handled', {
      route: '/api/auth',
      status: 200,
      password: SECRETS[0],
      user: { id: 7, email: 'd@jwt.com', token: SECRETS[1] },
      request: { headers: { Authorization: SECRETS[2], 'content-type': 'application/json' } },
      attempts: [{ apiKey: SECRETS[3] }, { api_key: SECRETS[3] }, { 'x-api-key': SECRETS[3] }, { ok: true }],
      deep: { a: { b: [{ cookie: SECRETS[4] }, { newPassword: SECRETS[5] }] } },
      pizza: { jwt: SECRETS[6] },
      config: { AUTH_SECRET: SECRETS[7] },
    });
    flushLogs();
    const text = out.join('');
    for (const secret of SECRETS) expect(text).not.toContain(secret.replace(/^Bearer |^sid=/, ''));
    const line = JSON.parse(text.trim());
    expect(line).toMatchObject({
      level,
      msg: 'request handled',
      route: '/api/auth',
      status: 200,
      password: '[redacted]',
      user: { id: 7, email: 'd@jwt.com', token: '[redacted]' },
      request: { headers: { Authorization: '[redacted]', 'content-type': 'application/json' } },
      attempts: [{ apiKey: '[redacted]' }, { api_key: '[redacted]' }, { 'x-api-key': '[redacted]' }, { ok: true }],
      deep: { a: { b: [{ cookie: '[redacted]' }, { newPassword: '[redacted]' }] } },
    });
    expect(new Date(line.time).getTime()).not.toBeNaN();
  });

  it('writes one JSON object per line: info to stdout, errors to stderr', () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.restoreAllMocks();
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (stdout.push(String(c)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (stderr.push(String(c)), true));
    log.info('hello', { n: 1 });
    log.error('failed', { err: new Error('boom') });
    flushLogs();
    expect(stdout).toHaveLength(1);
    expect(stderr).toHaveLength(1);
    expect(stdout[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(stdout[0]!)).toMatchObject({ level: 'info', msg: 'hello', n: 1 });
    const error = JSON.parse(stderr[0]!);
    expect(error).toMatchObject({ level: 'error', msg: 'failed', err: { type: 'Error', message: 'boom' } });
    expect(error.err).not.toHaveProperty('stack');
  });

  it('writes in batches: nothing at once, then the lines of each stream in one write, in order', async () => {
    log.info('first', { n: 1 });
    log.info('second', { n: 2 });
    log.warn('third', { n: 3 });
    expect(out).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(out).toHaveLength(2);
    const [stdout, stderr] = out.map((chunk) => chunk.trim().split('\n').map((line) => JSON.parse(line).msg));
    expect(stdout).toEqual(['first', 'second']);
    expect(stderr).toEqual(['third']);
  });
});
