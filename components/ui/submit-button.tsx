'use client';

import { useFormStatus } from 'react-dom';
import { Button } from './button';
import { Spinner } from './spinner';

/**
 * A form's submit button that shows progress and blocks double submits. While pending it is
 * aria-disabled rather than disabled: a disabled button drops the keyboard focus to the page.
 */
export function SubmitButton({
  children,
  pendingText,
  onClick,
  ...props
}: React.ComponentProps<typeof Button> & { pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button
      {...props}
      type="submit"
      aria-disabled={pending || undefined}
      aria-busy={pending}
      onClick={(event) => {
        if (pending) event.preventDefault();
        else onClick?.(event);
      }}
    >
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
