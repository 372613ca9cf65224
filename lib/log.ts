import { format } from 'node:util';
import { currentRequest } from '@/lib/telemetry/request-context';

/**
 * Structured JSON logs on stdout/stderr, one object per line, with the request id of the
 * request being served. Secrets are redacted twice: by key (password, token, authorization,
 * api key, cookie, jwt, secret, private…) wherever the key appears, and by shape inside any
 * string (Bearer credentials, JWTs, passwords in URLs, secret query parameters), so a secret
 * that slips into an error message is caught too. Errors are logged by type and message, never
 * with their stack.
 *
 * Hand-rolled rather than pino (not installed): a few dozen lines do what we need, and tests
 * capture the output from process.stdout after flushLogs().
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|jwt|credential|private/i;
const REDACTED = '[redacted]';

const SECRET_SHAPES: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`],
  [/((?:^|[?&\s;,])(?:access_token|token|api_?key|key|password|secret|signature)=)[^&\s#;,]+/gi, `$1${REDACTED}`],
];

/** One cheap test first: most strings (routes, methods, ids) cannot hold any of the shapes. */
const MAYBE_SECRET = /bearer|basic|eyJ|:\/\/|=/i;

export function redactText(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** Keys repeat (route, status, durationMs…): each is tested against SECRET_KEY once. */
const secretKeys = new Map<string, boolean>();
function isSecretKey(key: string): boolean {
  let secret = secretKeys.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (secretKeys.size < 10_000) secretKeys.set(key, secret);
  }
  return secret;
}

function serialise(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[depth]';
  // No stack: logs say what failed, not the code's layout (and a stack can carry data).
  if (value instanceof Error) return { type: value.name, message: redactText(value.message) };
  if (Array.isArray(value)) return value.map((v) => serialise(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : serialise(v, depth + 1);
  return out;
}

/**
 * Lines are written in batches: a write to a pipe or file is a system call (about 40 µs each
 * in a CPU profile under load), so lines wait up to FLUSH_MS, or until FLUSH_BYTES are waiting,
 * and go out in one write; at 10 ms batches the writing cost about 1 % of a cached request's
 * CPU. They are flushed on exit and with every error line; a SIGKILL can lose the last
 * FLUSH_MS of other lines.
 */
const FLUSH_MS = 50;
const FLUSH_BYTES = 64 * 1024;

interface Batch {
  /** Waiting text for stdout (0) and stderr (1). */
  text: [string, string];
  timer?: NodeJS.Timeout;
}

// On globalThis: every route bundle has its own copy of this module, and one batch serves them all.
const globalForLog = globalThis as unknown as { __jwtPizzaLogBatch?: Batch };
function batch(): Batch {
  if (!globalForLog.__jwtPizzaLogBatch) {
    globalForLog.__jwtPizzaLogBatch = { text: ['', ''] };
    process.once('exit', flushLogs);
  }
  return globalForLog.__jwtPizzaLogBatch;
}

/** Writes every waiting line now. */
export function flushLogs(): void {
  const b = batch();
  if (b.timer) clearTimeout(b.timer);
  b.timer = undefined;
  const [out, err] = b.text;
  b.text = ['', ''];
  if (out) process.stdout.write(out);
  if (err) process.stderr.write(err);
}

function enqueue(stream: 0 | 1, line: string): void {
  const b = batch();
  b.text[stream] += `${line}\n`;
  if (b.text[stream].length >= FLUSH_BYTES) flushLogs();
  else b.timer ??= setTimeout(flushLogs, FLUSH_MS).unref();
}

/** An ISO time (now by default). Date#toISOString is costly on a hot path, so it runs once a second and the milliseconds are appended. */
let clock = { second: -1, prefix: '' };
function isoTime(ms = Date.now()): string {
  const second = Math.floor(ms / 1000);
  // "2026-12-07T01:05:36."
  if (second !== clock.second) clock = { second, prefix: new Date(second * 1000).toISOString().slice(0, 20) };
  const milli = Math.floor(ms - second * 1000);
  return `${clock.prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/**
 * Memoised JSON text, up to `limit` entries: the per-call line repeats a few messages, keys and
 * values (route, kind, method…), so each is escaped (and redacted) once, not on every line.
 */
function memo(make: (text: string) => string, limit = 2_000): (text: string) => string {
  const made = new Map<string, string>();
  return (text) => {
    let json = made.get(text);
    if (json === undefined) {
      json = make(text);
      if (made.size < limit) made.set(text, json);
    }
    return json;
  };
}

const messageJson = memo((msg) => JSON.stringify(redactText(msg)));

/** A string as JSON text, redacted; memoised, for the values that repeat on per-call lines (routes, methods, reasons). */
export const jsonString = memo((value) => JSON.stringify(redactText(value)), 10_000);

/** Warnings and errors go to stderr (1), the rest to stdout (0). */
const streamOf = (level: Level): 0 | 1 => (level === 'error' || level === 'warn' ? 1 : 0);

const head = (level: Level, msg: string, reqId: string | undefined, at?: number) =>
  `{"level":"${level}","time":"${isoTime(at)}","msg":${messageJson(msg)}${reqId ? `,"reqId":${JSON.stringify(reqId)}` : ''}`;

function write(level: Level, msg: string, fields: Fields = {}): void {
  const body = JSON.stringify(serialise(fields));
  const line = body === '{}' ? `${head(level, msg, currentRequest()?.requestId)}}` : `${head(level, msg, currentRequest()?.requestId)},${body.slice(1)}`;
  enqueue(streamOf(level), line);
  // Errors are rare and may come just before the process dies: they go out at once.
  if (level === 'error') flushLogs();
}

export const log = {
  debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
  /**
   * The cheap path for per-call lines: `fieldsJson` is the fields as JSON text (`,"key":value…`),
   * every string in it made by `jsonString` (so redacted), every key a constant that names no secret.
   * `at` (epoch ms) is when it happened, when the line is written later.
   */
  json: (level: Level, msg: string, fieldsJson: string, requestId?: string, at?: number) =>
    enqueue(streamOf(level), `${head(level, msg, requestId ?? currentRequest()?.requestId, at)}${fieldsJson}}`),
};

const STACK_FRAME = /\n\s+at .*/g;

/** console arguments as one line of text: errors by type and message, stack frames dropped. */
function consoleText(args: unknown[]): string {
  const plain = args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : arg));
  return format(...plain).replace(STACK_FRAME, '');
}

/**
 * Sends console.error and console.warn (Next's own error output among them) into the JSON log,
 * redacted and without stacks. Once per process, at start-up.
 */
export function captureConsoleErrors(): void {
  const g = globalThis as unknown as { __jwtPizzaConsoleCaptured?: boolean };
  if (g.__jwtPizzaConsoleCaptured) return;
  g.__jwtPizzaConsoleCaptured = true;
  console.error = (...args: unknown[]) => write('error', 'console.error', { text: consoleText(args) });
  console.warn = (...args: unknown[]) => write('warn', 'console.warn', { text: consoleText(args) });
}
