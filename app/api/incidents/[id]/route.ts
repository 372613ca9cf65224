import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { incidentDetail } from '@/lib/telemetry/incidents';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.getIncident, async ({ params }) => incidentDetail(params.id)),
});
