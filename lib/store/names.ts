import 'server-only';
import { isUniqueViolation } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * A name as uniqueness sees it: letter case and surrounding spaces do not count ("Veggie",
 * " veggie "). Stored beside the name (MenuItem.titleKey, Franchise.nameKey, Store.nameKey)
 * under a unique index, so two concurrent creates of lookalikes cannot both succeed, and
 * folded here rather than in SQL so that SQLite and PostgreSQL agree beyond ASCII.
 */
export const nameKey = (name: string): string => name.normalize('NFC').trim().toLowerCase();

/** A create refused by a name's unique index becomes the 409 a duplicate gets. */
export const conflictIfDuplicate = (message: string) => (error: unknown): never => {
  if (isUniqueViolation(error)) throw new AppError('conflict', message);
  throw error;
};
