import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { closeStore } from '@/lib/store/franchises';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  DELETE: handler(api.deleteStore, async ({ user, params }) => {
    await closeStore(user, params.franchiseId, params.storeId);
    return { message: 'store deleted' };
  }),
});
