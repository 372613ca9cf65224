'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { id } from '@/lib/api/schemas';
import { requireAdmin } from '@/lib/auth/session';
import { failedForm, formValues, invalidForm, type FormState } from '@/lib/form-state';
import { acknowledgeIncident } from '@/lib/telemetry/incidents';

const ackForm = z.object({ id });

/** Acknowledges an incident as the signed-in admin (the banner and the incident page). */
export async function acknowledgeAction(_state: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin('/admin/incidents');
  const values = formValues(formData);
  const input = ackForm.safeParse(values);
  if (!input.success) return invalidForm(input.error, values);
  try {
    await acknowledgeIncident(input.data.id, admin.email);
  } catch (error) {
    return failedForm(error, values);
  }
  revalidatePath('/admin', 'layout');
  return { status: 'success', message: `Incident #${input.data.id} acknowledged by ${admin.email}.` };
}
