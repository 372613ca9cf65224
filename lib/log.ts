import { currentRequest } from '@/lib/telemetry/request-context';

/**
 * Structured JSON logs on stdout/stderr, one object per line, with the request id of the
 * request being served. Secrets are redacted twice: by key (password, token, authorization,
 * api key, cookie, jwt, secret, private…) wherever the key appears, and by shape inside any
 * string (Bearer credentials, JWTs, passwords in URLs, secret query parameters), so a secret
 * that slips into an error message or a stack is caught too.
 *
 * Hand-rolled rather than pino: a dozen lines do what we need, the output is synchronous and
 * ordered, and tests can capture it from process.stdout.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|jwt|credential|private/i;
const REDACTED = '[redacted]';

const SECRET_SHAPES: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`],
  [/([?&](?:access_token|token|api_?key|key|password|secret|signature)=)[^&\s#]+/gi, `$1${REDACTED}`],
];

/** One cheap test first: most strings (routes, methods, ids) cannot hold any of the shapes. */
const MAYBE_SECRET = /bearer|basic|eyJ|:\/\/|=/i;

export function redactText(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  return out;
}

function serialise(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => serialise(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : serialise(v, depth + 1)]),
    );
  }
  return value;
}

function write(level: Level, msg: string, fields: Fields = {}): void {
  const reqId = currentRequest()?.requestId;
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    msg: redactText(msg),
    ...(reqId ? { reqId } : {}),
    ...(serialise(fields) as Fields),
  });
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};
