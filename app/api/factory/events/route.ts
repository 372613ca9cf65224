import { after } from 'next/server';
import { readRawBody } from '@/lib/http/body';
import { json } from '@/lib/http/endpoint';
import { toErrorResponse } from '@/lib/http/errors';
import { SIGNATURE_HEADER } from '@/lib/http/signature';
import { receiveAnnouncement } from '@/lib/store/config-events';
import { smokeTestAfter } from '@/lib/store/smoke-test';
import { observed } from '@/lib/telemetry/http';

/** The factory's signed configuration announcements (webhook). A new change gets a smoke test, after the answer. */
export const POST = observed('/api/factory/events', async (request: Request): Promise<Response> => {
  try {
    const { change, first } = await receiveAnnouncement(await readRawBody(request), request.headers.get(SIGNATURE_HEADER));
    if (first) after(() => smokeTestAfter(change));
    return json(request, 200, { message: 'recorded', version: change.version });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return json(request, status, body);
  }
});
