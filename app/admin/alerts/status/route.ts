import { currentUser } from '@/lib/auth/session';
import { toErrorResponse } from '@/lib/http/errors';
import { assertAdmin } from '@/lib/store/access';
import { adminAlertStatus } from '@/lib/telemetry/alerts/banner';

/** The admin banner's live data (admins, browser session): what is firing and the open incident. */

export const dynamic = 'force-dynamic';

const noStore = { 'Cache-Control': 'no-store' };

export async function GET(): Promise<Response> {
  try {
    assertAdmin((await currentUser()) ?? undefined);
    return Response.json(await adminAlertStatus(), { headers: noStore });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status, headers: noStore });
  }
}
