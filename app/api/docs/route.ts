import { apiDocs } from '@/lib/api/docs';
import { json } from '@/lib/http/endpoint';
import { preflight } from '@/lib/http/cors';

export const GET = async (request: Request) => json(request, 200, apiDocs());
export const OPTIONS = preflight;
