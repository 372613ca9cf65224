import { api } from '@/lib/api/endpoints';
import { issueApiToken } from '@/lib/auth/api-tokens';
import { handler, routes } from '@/lib/http/endpoint';
import { deleteUser, updateUser } from '@/lib/store/users';

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  PUT: handler(api.updateUser, async ({ user, params, body }) => {
    const updated = await updateUser(user, params.userId, body);
    // A fresh token for the caller: the updated user's own, or the admin's.
    return { user: updated, token: await issueApiToken(user.id) };
  }),
  DELETE: handler(api.deleteUser, async ({ user, params }) => {
    await deleteUser(user, params.userId);
    return { message: 'user deleted' };
  }),
});
