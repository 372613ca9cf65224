import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { createStore } from '@/lib/store/franchises';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  POST: handler(api.createStore, async ({ user, params, body }) => createStore(user, params.franchiseId, body)),
});
