/**
 * Structured JSON logs on stdout/stderr, one object per line. Keys that can hold secrets are
 * redacted wherever they appear.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|jwt/i;

function serialise(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (value instanceof Error) {
    return { type: value.name, message: value.message, stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((v) => serialise(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : serialise(v, depth + 1)]),
    );
  }
  return value;
}

function write(level: Level, msg: string, fields: Fields = {}): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...(serialise(fields) as Fields) });
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};
