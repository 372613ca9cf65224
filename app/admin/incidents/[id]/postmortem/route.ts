import { z } from 'zod';
import { id } from '@/lib/api/schemas';
import { currentUser } from '@/lib/auth/session';
import { parseOrThrow, toErrorResponse } from '@/lib/http/errors';
import { assertAdmin } from '@/lib/store/access';
import { postmortemDraft } from '@/lib/telemetry/incidents';

/** The incident page's "Download postmortem" (admins, browser session): the Markdown draft as a file. */

export const dynamic = 'force-dynamic';

const params = z.object({ id });

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    assertAdmin((await currentUser()) ?? undefined);
    const { id: incidentId } = parseOrThrow(params, await context.params, 'incident id');
    const { fileName, markdown } = await postmortemDraft(incidentId);
    return new Response(markdown, {
      headers: {
        'Content-Type': 'text/markdown; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
  }
}
