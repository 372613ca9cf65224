import { api } from '@/lib/api/endpoints';
import { issueApiToken, revokeApiToken } from '@/lib/auth/api-tokens';
import { handler, routes } from '@/lib/http/endpoint';
import { authenticate, register } from '@/lib/store/users';

const withToken = async (user: { id: number }) => ({ user, token: await issueApiToken(user.id) });

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = routes({
  POST: handler(api.register, async ({ body }) => withToken(await register(body))),
  PUT: handler(api.login, async ({ body }) => withToken(await authenticate(body))),
  DELETE: handler(api.logout, async ({ principal }) => {
    await revokeApiToken(principal.sessionId);
    return { message: 'logout successful' };
  }),
});
