import type { Metadata } from 'next';
import { FactoryConfigEditor } from '@/components/admin/factory-config-editor';
import { ConfigHistory, CurrentConfig, ExperimentBanner, SigningKeys, WebhookList } from '@/components/admin/factory-console';
import { CONFIG_FIELDS } from '@/components/admin/factory-fields';
import { RefreshButton } from '@/components/shop/refresh-button';
import { Alert } from '@/components/ui/alert';
import { Card, PageHeader } from '@/components/ui/card';
import { AutoRefresh } from '@/components/ui/live-time';
import { requireAdmin } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { factoryAdmin, type FactoryConfigDocument } from '@/lib/factory-client/admin';
import { factoryConfigLimits } from '@/lib/factory-client/docs';
import { smokeTestSettling, smokeTestsByVersion } from '@/lib/store/smoke-test';
import { changeConfigAction, endExperimentAction, rollbackAction, rotateKeyAction } from './actions';

export const metadata: Metadata = { title: 'Factory · Admin' };

const SMOKE_TEST_REFRESH_MS = 2_000;

/** A factory error as words for the page; anything else is a bug for the error boundary. */
function describe(error: unknown): string {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'unavailable') return 'The pizza factory could not be reached.';
  if (error.code === 'unauthorized' || error.code === 'forbidden') return 'The pizza factory refused the store’s admin key (check FACTORY_ADMIN_KEY).';
  return `The pizza factory answered: ${error.message}.`;
}

function Unavailable({ what, error }: { what: string; error: unknown }) {
  return (
    <Alert>
      We couldn’t load {what}. {describe(error)}
    </Alert>
  );
}

export default async function AdminFactoryPage() {
  const admin = await requireAdmin('/admin/factory');
  const [config, history, webhooks, keys, limits] = await Promise.allSettled([
    factoryAdmin.config(),
    factoryAdmin.history(),
    factoryAdmin.webhooks(),
    factoryAdmin.keys(),
    factoryConfigLimits(),
  ]);
  const header = (
    <PageHeader
      title="Factory"
      subtitle={
        <>
          The pizza factory’s configuration, drills, announcements and signing keys. Changes are signed as <strong>{admin.email}</strong>.
        </>
      }
    />
  );

  if (config.status === 'rejected') {
    return (
      <>
        {header}
        <section role="alert" aria-labelledby="unreachable-title" className="mx-auto max-w-xl rounded-2xl border border-sauce-500/30 bg-white px-6 py-10 text-center shadow-sm">
          <h2 id="unreachable-title" className="text-lg font-semibold text-char-900">
            The factory console is unavailable
          </h2>
          <p className="mt-1 text-char-700">
            {describe(config.reason)} Diners can still order: their orders wait as pending and are made once the factory answers again.
          </p>
          <div className="mt-5">
            <RefreshButton>Try again</RefreshButton>
          </div>
        </section>
      </>
    );
  }

  const current = config.value;
  const smokeTests = await smokeTestsByVersion(history.status === 'fulfilled' ? history.value.map((v) => v.version) : []);
  const now = Date.now();
  const running = current.kind === 'experiment' && current.expiresAt !== null && Date.parse(current.expiresAt) > now ? { ...current, expiresAt: current.expiresAt } : null;
  const published = limits.status === 'fulfilled' ? limits.value : null;
  const safeMax = published?.safeMax ?? {};
  const hints: Partial<Record<keyof FactoryConfigDocument, string>> = Object.fromEntries(
    CONFIG_FIELDS.map((field) => {
      const limit = safeMax[field.key];
      const parts = [`Now ${field.format(current.document[field.key])}`, limit === undefined ? undefined : `safe limit ${field.format(limit)}`];
      return [field.key, `${parts.filter(Boolean).join(' · ')}.`];
    }),
  );

  return (
    <>
      {header}
      {running && <ExperimentBanner key={running.version} experiment={running} endAction={endExperimentAction} />}
      {/* Until the store's smoke test of the version in force is over, and a failed change rolled back. */}
      {smokeTestSettling(current, smokeTests.get(current.version), now) && <AutoRefresh intervalMs={SMOKE_TEST_REFRESH_MS} />}

      <div className="mb-8 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <CurrentConfig config={current} limits={safeMax} />
        <Card>
          <FactoryConfigEditor
            action={changeConfigAction}
            version={current.version}
            document={current.document}
            hints={hints}
            lockedBecause={running ? `Experiment version ${running.version} is running: end it before changing the configuration.` : undefined}
          />
        </Card>
      </div>

      <div className="mb-8">
        {history.status === 'fulfilled' ? (
          <ConfigHistory
            versions={history.value}
            current={current}
            rollbackAction={rollbackAction}
            rollbackLocked={running !== null}
            limits={safeMax}
            smokeTests={smokeTests}
          />
        ) : (
          <Unavailable what="the history" error={history.reason} />
        )}
      </div>

      <div className="grid grid-cols-1 gap-8 lg:grid-cols-2">
        <section aria-labelledby="webhooks-title">
          <h2 id="webhooks-title" className="mb-1 text-xl font-bold text-char-900">
            Announcements
          </h2>
          <p className="mb-3 text-sm text-char-700">Every new version is sent, signed, to each subscriber; failed deliveries are retried.</p>
          {webhooks.status === 'fulfilled' ? <WebhookList webhooks={webhooks.value} /> : <Unavailable what="the subscribers" error={webhooks.reason} />}
        </section>
        <section aria-labelledby="keys-title">
          <h2 id="keys-title" className="mb-1 text-xl font-bold text-char-900">
            Signing keys
          </h2>
          <p className="mb-3 text-sm text-char-700">The keys that sign every pizza, as published in the factory’s JWKS.</p>
          {keys.status === 'fulfilled' ? <SigningKeys keys={keys.value} rotateAction={rotateKeyAction} now={now} /> : <Unavailable what="the signing keys" error={keys.reason} />}
        </section>
      </div>
    </>
  );
}
