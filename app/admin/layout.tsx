import { ActionToast } from '@/components/admin/action-toast';
import { AdminNav } from '@/components/admin/admin-nav';
import { AlertBanner } from '@/components/admin/alert-banner';
import { SignInRedirect } from '@/components/layout/sign-in-redirect';
import { adminOrVisitor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { adminAlertStatus, type AdminAlertStatus } from '@/lib/telemetry/alerts/banner';
import { acknowledgeAction } from './incidents/actions';

/** The banner's first status; if it cannot be read the page still renders and the banner's polling retries. */
async function initialAlertStatus(): Promise<AdminAlertStatus> {
  try {
    return await adminAlertStatus();
  } catch (error) {
    log.error('admin banner: could not read the alert status', { err: error });
    return { level: null, firing: [], incident: null, generatedAt: new Date().toISOString() };
  }
}

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  if (!(await adminOrVisitor())) return <SignInRedirect />;
  const alertStatus = await initialAlertStatus();
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <AlertBanner initial={alertStatus} acknowledgeAction={acknowledgeAction} />
        <p className="text-xs font-bold uppercase tracking-widest text-sauce-700">Admin</p>
        <AdminNav />
      </div>
      <div>{children}</div>
      <ActionToast />
    </div>
  );
}
