/**
 * The origin a client used to reach this app: a proxy's X-Forwarded-Proto and -Host, else the
 * Host header. `fallback` when there is no usable host (missing, or more than a host and port).
 */
export function requestOrigin(headers: Pick<Headers, 'get'>, fallback: string): string {
  const first = (name: string) => headers.get(name)?.split(',')[0]?.trim() || undefined;
  const host = first('x-forwarded-host') ?? first('host');
  const proto = first('x-forwarded-proto') === 'https' ? 'https' : 'http';
  if (!host || /[\s/\\@?#]/.test(host) || !URL.canParse(`${proto}://${host}`)) return fallback;
  return new URL(`${proto}://${host}`).origin;
}
