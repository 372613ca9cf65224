import { api } from '@/lib/api/endpoints';
import { handler, routes } from '@/lib/http/endpoint';
import { closeFranchise, getUserFranchises } from '@/lib/store/franchises';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  GET: handler(api.userFranchises, async ({ user, params }) => getUserFranchises(user, params.userId)),
  DELETE: handler(api.deleteFranchise, async ({ user, params }) => {
    await closeFranchise(user, params.franchiseId);
    return { message: 'franchise deleted' };
  }),
});
