import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { addMenuItem, getMenu, publicMenu } from '@/lib/store/menu';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.getMenu, async () => publicMenu(await getMenu())),
  PUT: handler(api.addMenuItem, async ({ user, body }) => publicMenu(await addMenuItem(user, body))),
});
