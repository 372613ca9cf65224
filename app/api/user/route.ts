import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { listUsers } from '@/lib/store/users';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.listUsers, async ({ user, query }) => listUsers(user, query)),
});
