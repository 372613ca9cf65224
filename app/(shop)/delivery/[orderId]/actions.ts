'use server';

import type { VerifyState } from '@/components/shop/form-state';
import { verifyPizzaBody } from '@/lib/api/schemas';
import { verifyAtFactory } from '@/lib/factory-client';

/** The Verify button: asks the factory, as the original front ends do, whether the pizza is genuine. */
export async function verifyAction(_previous: VerifyState, formData: FormData): Promise<VerifyState> {
  const parsed = verifyPizzaBody.safeParse({ jwt: formData.get('jwt') });
  if (!parsed.success) return { status: 'invalid', message: 'there is no pizza to verify' };
  const verdict = await verifyAtFactory(parsed.data.jwt);
  return verdict.valid
    ? { status: 'valid', payload: JSON.stringify(verdict.payload, null, 2) }
    : { status: 'invalid', message: verdict.message };
}
