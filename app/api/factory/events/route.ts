import { readRawBody } from '@/lib/http/body';
import { json } from '@/lib/http/endpoint';
import { toErrorResponse } from '@/lib/http/errors';
import { SIGNATURE_HEADER } from '@/lib/http/signature';
import { receiveAnnouncement } from '@/lib/store/config-events';

/** The factory's signed configuration announcements (webhook). */
export async function POST(request: Request): Promise<Response> {
  try {
    const change = await receiveAnnouncement(await readRawBody(request), request.headers.get(SIGNATURE_HEADER));
    return json(request, 200, { message: 'recorded', version: change.version });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return json(request, status, body);
  }
}
