'use client';

import { useFormStatus } from 'react-dom';
import { Button } from './button';
import { Spinner } from './spinner';

/** A form's submit button that shows progress and blocks double submits. */
export function SubmitButton({
  children,
  pendingText,
  ...props
}: React.ComponentProps<typeof Button> & { pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-busy={pending} {...props}>
      {pending ? (
        <>
          <Spinner /> {pendingText ?? children}
        </>
      ) : (
        children
      )}
    </Button>
  );
}
