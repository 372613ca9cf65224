import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.me, async ({ user }) => user),
});
