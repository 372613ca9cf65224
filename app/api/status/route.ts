import { API_VERSION } from '@/lib/api/endpoints';
import { json } from '@/lib/http/endpoint';
import { observed } from '@/lib/telemetry/http';

/** GET / for API clients (next.config.js rewrites non-browser requests for / here). */
export const GET = observed('/api/status', async (request: Request) => json(request, 200, { message: 'welcome to JWT Pizza', version: API_VERSION }));
