import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { getOrder } from '@/lib/store/orders';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.getOrder, async ({ user, params }) => {
    const { franchiseName: _f, storeName: _s, totalPrice: _t, ...order } = await getOrder(user, params.orderId);
    return order;
  }),
});
