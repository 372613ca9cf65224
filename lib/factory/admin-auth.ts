import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The factory's admin API takes `Authorization: Bearer <FACTORY_ADMIN_KEY>`. */
export function assertFactoryAdmin(authorization: string | null): void {
  const key = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!key) throw new AppError('unauthorized', 'missing factory admin key');
  if (!timingSafeEqual(digest(key), digest(env().factoryAdminKey))) throw new AppError('unauthorized', 'invalid factory admin key');
}
