import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { parseOrThrow, toErrorResponse } from '@/lib/http/errors';

let stderr: string[];
beforeEach(() => {
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('toErrorResponse: the one place errors become a status and {message}', () => {
  it.each([
    ['bad_request', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['payload_too_large', 413],
    ['unavailable', 503],
  ] as const)('AppError %s → %i with its message', (code, status) => {
    expect(toErrorResponse(new AppError(code, 'unable to delete a store'))).toEqual({
      status,
      body: { message: 'unable to delete a store' },
    });
  });

  it('passes AppError details through as errors', () => {
    const response = toErrorResponse(new AppError('bad_request', 'bad', { name: ['is required'] }));
    expect(response).toEqual({ status: 400, body: { message: 'bad', errors: { name: ['is required'] } } });
  });

  it('ZodError → 400 naming the field', () => {
    const result = z.object({ email: z.string() }).safeParse({});
    expect(result.success).toBe(false);
    const response = toErrorResponse(result.error);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('email');
  });

  it('parseOrThrow gives a 400 that says where and what', () => {
    let error: unknown;
    try {
      parseOrThrow(z.object({ price: z.number() }), { price: 'free' }, 'body');
    } catch (e) {
      error = e;
    }
    const response = toErrorResponse(error);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^invalid body: price/);
  });

  it('Prisma record-not-found (P2025) → 404, unique violation (P2002) → 409', () => {
    const prismaLike = (code: string) => Object.assign(new Error(`Invalid prisma.user.update() invocation in /app/lib/x.ts`), { code });
    expect(toErrorResponse(prismaLike('P2025'))).toEqual({ status: 404, body: { message: 'not found' } });
    expect(toErrorResponse(prismaLike('P2002'))).toEqual({ status: 409, body: { message: 'already exists' } });
    expect(toErrorResponse({ code: 'P2025' }).status).toBe(404);
  });

  it('an unknown error → 500 with a generic message; the original message goes to the log only, redacted, and the stack nowhere', () => {
    const error = new Error('connect ECONNREFUSED db.internal:5432 password=hunter2');
    const response = toErrorResponse(error);
    expect(response).toEqual({ status: 500, body: { message: 'internal server error' } });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    const logged = stderr.join('');
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).toContain('password=[redacted]');
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('http-errors.test.ts'); // no stack
  });

  it('non-Error throwables and codes that are not Prisma codes are 500s too', () => {
    expect(toErrorResponse('boom')).toEqual({ status: 500, body: { message: 'internal server error' } });
    expect(toErrorResponse(Object.assign(new Error('x'), { code: 'ENOENT' })).status).toBe(500);
    expect(toErrorResponse(null).status).toBe(500);
  });
});
