import { Alert } from '@/components/ui/alert';
import type { FormState } from '@/lib/form-state';

/** A form's overall outcome: success feedback, or the error that is not tied to one field. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  return <Alert tone={state.status === 'success' ? 'success' : 'error'}>{state.message}</Alert>;
}
