import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';

export const { GET, OPTIONS } = routes({
  GET: handler(api.me, async ({ user }) => user),
});
