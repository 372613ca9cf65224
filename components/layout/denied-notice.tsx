'use client';

import { useSearchParams } from 'next/navigation';
import { Alert } from '@/components/ui/alert';

/** Says why a signed-in user landed here from a page they may not open (requireAdmin's `?denied=admin`). */
export function DeniedNotice() {
  if (useSearchParams().get('denied') !== 'admin') return null;
  return (
    <div className="mb-6">
      <Alert>The admin pages are for administrators, and your account is not one. Ask an administrator if you need access.</Alert>
    </div>
  );
}
