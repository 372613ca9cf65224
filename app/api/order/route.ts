import { api } from '@/lib/api/endpoints';
import { handler, reply, routes } from '@/lib/http/endpoint';
import { listOrders, placeOrder, type OrderView } from '@/lib/store/orders';

const contractOrder = ({ id, franchiseId, storeId, date, status, items }: OrderView) => ({
  id,
  franchiseId,
  storeId,
  date,
  status,
  items,
});

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.listOrders, async ({ user, query }) => {
    const history = await listOrders(user, query.page);
    return { ...history, orders: history.orders.map(contractOrder) };
  }),
  POST: handler(api.createOrder, async ({ user, body }) => {
    const placed = await placeOrder(user, body);
    const { franchiseId, storeId, items, id, status } = placed.order;
    const order = { franchiseId, storeId, items: items.map(({ menuId, description, price }) => ({ menuId, description, price })), id, status };
    if (placed.factoryError) {
      // Paid and recorded; the kitchen is behind. The worker makes it as soon as it can.
      return reply(202, { message: `Your order is confirmed and waiting for the factory: ${placed.factoryError}`, order });
    }
    return { order, jwt: placed.jwt, ...(placed.reportUrl ? { reportUrl: placed.reportUrl } : {}) };
  }),
});
