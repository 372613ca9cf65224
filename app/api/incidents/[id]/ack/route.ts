import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { acknowledgeIncident } from '@/lib/telemetry/incidents';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  POST: handler(api.acknowledgeIncident, async ({ params, user }) => acknowledgeIncident(params.id, user.email)),
  PUT: handler(api.acknowledgeIncidentPut, async ({ params, user }) => acknowledgeIncident(params.id, user.email)),
});
