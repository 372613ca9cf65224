import 'server-only';
import NextAuth, { type Session } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { loginBody } from '@/lib/api/schemas';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { authenticate, sessionStamp } from '@/lib/store/users';

/**
 * Browser sessions: Auth.js v5 with the Credentials provider and a signed, expiring JWT
 * cookie that carries only the user id and a stamp of the password it began with
 * (users.ts). Roles are read from the database on each use.
 * The config is built lazily so that `next build` needs no secrets.
 */
export const SESSION_BASE_PATH = '/api/session';

declare module 'next-auth' {
  interface User {
    sessionStamp?: string;
  }
}

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth(() => ({
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
  callbacks: {
    // Sign-in sets the stamp; so does a password change in this browser (updateSession), with the new one.
    jwt: ({ token, user, trigger, session }) => {
      const stamp = user?.sessionStamp ?? (trigger === 'update' ? (session as Session | undefined)?.user?.sessionStamp : undefined);
      return typeof stamp === 'string' ? { ...token, sessionStamp: stamp } : token;
    },
    // The default session callback drops the user id (the token's `sub`); currentUser() needs it and the stamp.
    session: ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub ?? '', sessionStamp: token.sessionStamp as string | undefined } }),
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const input = loginBody.safeParse(credentials);
        if (!input.success) return null;
        try {
          const user = await authenticate(input.data);
          return { id: String(user.id), name: user.name, email: user.email, sessionStamp: await sessionStamp(user.id) };
        } catch {
          return null;
        }
      },
    }),
  ],
}));
