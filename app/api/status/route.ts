import { API_VERSION } from '@/lib/api/endpoints';
import { json } from '@/lib/http/endpoint';

/** GET / for API clients (proxy.ts routes non-browser requests for / here). */
export const GET = async (request: Request) => json(request, 200, { message: 'welcome to JWT Pizza', version: API_VERSION });
