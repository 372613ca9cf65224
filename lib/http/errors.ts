import { ZodError, type z } from 'zod';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';

export interface ErrorBody {
  message: string;
  errors?: unknown;
}

/** Describes zod issues in one sentence a client developer can act on. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function prismaCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return /^P\d{4}$/.test(error.code) ? error.code : undefined;
  }
  return undefined;
}

/** The one place where an error becomes a status and a {message}. Never leaks a stack. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { message: error.message, ...(error.details ? { errors: error.details } : {}) } };
  }
  if (error instanceof ZodError) {
    return { status: 400, body: { message: describeZodError(error) } };
  }
  switch (prismaCode(error)) {
    case 'P2025':
      return { status: 404, body: { message: 'not found' } };
    case 'P2002':
      return { status: 409, body: { message: 'already exists' } };
    case 'P2003':
      return { status: 409, body: { message: 'still referenced by other records' } };
  }
  log.error('unhandled error', { err: error });
  return { status: 500, body: { message: 'internal server error' } };
}

/** Parses input with a schema, or throws a 400 that says what is wrong and where. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('bad_request', `invalid ${where}: ${describeZodError(result.error)}`);
}
