import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { listIncidents } from '@/lib/telemetry/incidents';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.listIncidents, async ({ query }) => ({ incidents: await listIncidents(undefined, { status: query.status }) })),
});
