import 'server-only';
import { ensureSigningKey } from './keys';
import { provisionVendor } from './vendors';

/** Prepares the embedded factory: a signing key, and the store's vendor key when given. */
export async function startFactory(options: { storeVendorKey?: string }): Promise<void> {
  await ensureSigningKey();
  if (options.storeVendorKey) await provisionVendor('JWT Pizza', options.storeVendorKey);
}
