import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { editAlertRule, resetAlertRule } from '@/lib/telemetry/alerts/admin';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  PUT: handler(api.updateAlertRule, async ({ params, body, user }) => editAlertRule(params.id, body, user.email)),
  DELETE: handler(api.resetAlertRule, async ({ params, user }) => resetAlertRule(params.id, user.email)),
});
