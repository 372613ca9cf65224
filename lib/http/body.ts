import { AppError } from '@/lib/errors';

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a body as text: 413 when too large. */
export async function readRawBody(request: Request): Promise<string> {
  const tooLarge = () => new AppError('payload_too_large', `request body is larger than ${MAX_BODY_BYTES} bytes`);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  return text;
}

/** Reads a JSON body: 413 when too large, 400 when malformed, {} when empty. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readRawBody(request);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'request body is not valid JSON');
  }
}
