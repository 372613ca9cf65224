import 'server-only';
import { createHash } from 'node:crypto';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

export interface Vendor {
  id: number;
  name: string;
}

const hashKey = (apiKey: string) => createHash('sha256').update(apiKey).digest('hex');

/** Registers (or re-keys) a vendor. Only the key's hash is stored. */
export async function provisionVendor(name: string, apiKey: string): Promise<Vendor> {
  const apiKeyHash = hashKey(apiKey);
  const vendor = await db.factoryVendor.upsert({
    where: { name },
    create: { name, apiKeyHash },
    update: { apiKeyHash },
  });
  return { id: vendor.id, name: vendor.name };
}

export async function authenticateVendor(authorization: string | null): Promise<Vendor> {
  const apiKey = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!apiKey) throw new AppError('unauthorized', 'missing vendor API key');
  const vendor = await db.factoryVendor.findUnique({ where: { apiKeyHash: hashKey(apiKey) } });
  if (!vendor) throw new AppError('unauthorized', 'invalid vendor API key');
  return { id: vendor.id, name: vendor.name };
}
