import 'server-only';
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { loginBody } from '@/lib/api/schemas';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { authenticate } from '@/lib/store/users';

/**
 * Browser sessions: Auth.js v5 with the Credentials provider and a signed, expiring JWT
 * cookie that carries only the user id. Roles are read from the database on each use.
 * The config is built lazily so that `next build` needs no secrets.
 */
export const SESSION_BASE_PATH = '/api/session';

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().authSecret,
  basePath: SESSION_BASE_PATH,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: env().tokenTtlSeconds },
  pages: { signIn: '/login' },
  logger: {
    error: (error) => log.warn('auth error', { type: (error as { type?: string }).type ?? error.name }),
    warn: (code) => log.warn('auth warning', { code }),
    debug: () => undefined,
  },
  // The default session callback drops the user id (the token's `sub`); currentUser() needs it.
  callbacks: {
    session: ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub ?? '' } }),
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const input = loginBody.safeParse(credentials);
        if (!input.success) return null;
        try {
          const user = await authenticate(input.data);
          return { id: String(user.id), name: user.name, email: user.email };
        } catch {
          return null;
        }
      },
    }),
  ],
}));
