import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '@/lib/auth/api-tokens';
import { env } from '@/lib/env';
import { metricsExposition } from './prometheus';
import { telemetryEnabled } from './record';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when no METRICS_TOKEN is set, or the request carries it as a bearer token. */
export function metricsAuthorised(authorization: string | null, token = env().telemetry.metricsToken): boolean {
  if (!token) return true;
  const given = bearerToken(authorization);
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/** GET /api/metrics: Prometheus text exposition of this instance, behind the optional bearer token. */
export async function serveMetrics(request: Request): Promise<Response> {
  if (!telemetryEnabled()) return Response.json({ message: 'telemetry is off (TELEMETRY=off)' }, { status: 404 });
  if (!metricsAuthorised(request.headers.get('authorization'))) {
    return Response.json({ message: 'unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } });
  }
  const { contentType, body } = await metricsExposition();
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
