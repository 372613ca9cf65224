import { ActionToast } from '@/components/admin/action-toast';
import { AdminNav } from '@/components/admin/admin-nav';
import { requireAdmin } from '@/lib/auth/session';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin('/admin');
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <p className="text-xs font-bold uppercase tracking-widest text-sauce-700">Admin</p>
        <AdminNav />
      </div>
      <div>{children}</div>
      <ActionToast />
    </div>
  );
}
