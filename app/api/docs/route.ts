import { apiDocs } from '@/lib/api/docs';
import { json, notAllowed } from '@/lib/http/endpoint';
import { preflight } from '@/lib/http/cors';
import { observed } from '@/lib/telemetry/http';

export const GET = observed('/api/docs', async (request: Request) => json(request, 200, apiDocs(request)));
export const OPTIONS = preflight;
const onlyGet = notAllowed('GET');
export { onlyGet as POST, onlyGet as PUT, onlyGet as DELETE, onlyGet as PATCH };
