import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { createFranchise, listFranchises } from '@/lib/store/franchises';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.listFranchises, async ({ user, query }) => listFranchises(user, query)),
  POST: handler(api.createFranchise, async ({ user, body }) => createFranchise(user, body)),
});
