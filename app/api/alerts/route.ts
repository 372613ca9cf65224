import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { alertsView } from '@/lib/telemetry/alerts/view';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.listAlerts, async ({ query }) => ({ alerts: await alertsView(undefined, query.history) })),
});
