import { API_VERSION } from '@/lib/api/endpoints';
import { json, notAllowed } from '@/lib/http/endpoint';
import { preflight } from '@/lib/http/cors';
import { observed } from '@/lib/telemetry/http';

/** GET / for API clients (next.config.js rewrites non-browser requests for / here). */
export const GET = observed('/api/status', async (request: Request) => json(request, 200, { message: 'welcome to JWT Pizza', version: API_VERSION }));
export const OPTIONS = preflight;
const onlyGet = notAllowed('GET');
export { onlyGet as POST, onlyGet as PUT, onlyGet as DELETE, onlyGet as PATCH };
