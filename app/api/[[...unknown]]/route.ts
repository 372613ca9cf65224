import { json } from '@/lib/http/endpoint';
import { preflight } from '@/lib/http/cors';
import { observed } from '@/lib/telemetry/http';

const unknownEndpoint = observed('/api/* (unknown)', async (request: Request) => json(request, 404, { message: 'unknown endpoint' }));

export { unknownEndpoint as GET, unknownEndpoint as POST, unknownEndpoint as PUT, unknownEndpoint as DELETE, unknownEndpoint as PATCH };
export const OPTIONS = preflight;
