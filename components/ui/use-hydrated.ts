'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/** False while the server renders and the browser hydrates, true after: for what only the browser knows or can do. */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
