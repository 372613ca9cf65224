import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { isAdmin } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { parseOrThrow, toErrorResponse } from '@/lib/http/errors';
import { latencyView } from '@/lib/telemetry/dashboard';
import { RANGE_KEYS } from '@/lib/telemetry/view';

/** The latency page's live data (admins, browser session). */
const query = z.object({ range: z.enum(RANGE_KEYS), route: z.string().max(400).optional() });

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('unauthorized', 'sign in first');
    if (!isAdmin(user)) throw new AppError('forbidden', 'admin only');
    const { range, route } = parseOrThrow(query, Object.fromEntries(new URL(request.url).searchParams), 'query');
    return Response.json(await latencyView(range, route ?? null), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
  }
}
