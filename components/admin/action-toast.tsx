'use client';

import { useEffect, useState } from 'react';

const EVENT = 'jwt-pizza:action-done';

/** Reports a finished action whose own UI has gone (a closed dialog, a removed row). */
export function announce(message: string) {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
}

/** Shows announced messages for a few seconds, visibly and to screen readers. */
export function ActionToast() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = (event: Event) => {
      setMessage((event as CustomEvent<string>).detail);
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(''), 5000);
    };
    window.addEventListener(EVENT, show);
    return () => {
      window.removeEventListener(EVENT, show);
      clearTimeout(timer);
    };
  }, []);
  return (
    <div role="status" className="pointer-events-none fixed inset-x-0 bottom-6 z-40 flex justify-center px-4">
      {message && (
        <p className="rounded-full bg-char-900 px-5 py-2.5 text-sm font-semibold text-white shadow-lg wrap-anywhere">
          <span aria-hidden="true" className="mr-2 text-basil-500">✓</span>
          {message}
        </p>
      )}
    </div>
  );
}
