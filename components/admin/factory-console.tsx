import { Alert } from '@/components/ui/alert';
import { Badge, Card, EmptyState } from '@/components/ui/card';
import { AutoRefresh, Countdown } from '@/components/ui/live-time';
import { formatUtc } from '@/components/ui/utc';
import type { FactoryConfigDocument, FactoryConfigVersion, FactoryKey, FactoryWebhook } from '@/lib/factory-client/admin';
import type { FormAction } from '@/lib/form-state';
import type { SmokeTestView } from '@/lib/store/smoke-test';
import { ActionButton } from './action-button';
import { ConfirmAction } from './confirm-action';
import { CONFIG_FIELDS, formatConfigValue } from './factory-fields';

/** The factory console's read-only pieces. Data arrives as props; the page fetches it. */

type Limits = Partial<Record<keyof FactoryConfigDocument, number>>;

function When({ at }: { at: string }) {
  return <time dateTime={at}>{formatUtc(at)}</time>;
}

/** "processingDelayMs: 0 ms → 32,000 ms", one line per changed field. */
export function DiffList({ diff, label }: { diff: { path: string; from: unknown; to: unknown }[]; label: string }) {
  if (diff.length === 0) return <p className="text-sm text-char-700">No values changed.</p>;
  return (
    <ul aria-label={label} className="flex flex-col gap-1 text-sm">
      {diff.map((d) => (
        <li key={d.path} className="flex flex-wrap items-baseline gap-x-2">
          <code className="font-mono text-char-900">{d.path}:</code>
          <span className="text-char-700 line-through decoration-char-700/40">{formatConfigValue(d.path, d.from)}</span>
          <span aria-label="changed to" className="text-char-700">
            →
          </span>
          <span className="font-semibold text-char-900">{formatConfigValue(d.path, d.to)}</span>
        </li>
      ))}
    </ul>
  );
}

const kindTone = { initial: 'neutral', change: 'neutral', rollback: 'warn', experiment: 'bad', revert: 'good' } as const;

export function KindBadge({ kind }: { kind: FactoryConfigVersion['kind'] }) {
  return <Badge tone={kindTone[kind]}>{kind}</Badge>;
}

/** The configuration in force, each value beside its safe limit, and who set it. */
export function CurrentConfig({ config, limits }: { config: FactoryConfigVersion; limits: Limits }) {
  return (
    <Card role="region" aria-labelledby="current-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="current-title" className="text-lg font-semibold text-char-900">
          Current configuration
        </h2>
        <span className="flex items-center gap-2">
          <span className="text-sm font-semibold text-char-800">Version {config.version}</span>
          <KindBadge kind={config.kind} />
        </span>
      </div>
      <dl className="divide-y divide-char-900/10 rounded-xl border border-char-900/10">
        {CONFIG_FIELDS.map((field) => {
          const value = config.document[field.key];
          const limit = limits[field.key];
          const over = limit !== undefined && value > limit;
          return (
            <div key={field.key} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-2.5">
              <dt className="min-w-0">
                <span className="block text-sm font-medium text-char-800">{field.label.replace(/ \(.*\)$/, '')}</span>
                <code className="font-mono text-xs text-char-700">{field.key}</code>
              </dt>
              <dd className="ml-auto text-right">
                <span className={`block font-semibold tabular-nums ${over ? 'text-sauce-700' : 'text-char-900'}`}>{field.format(value)}</span>
                <span className="block text-xs text-char-700">
                  {limit === undefined ? 'no safe limit' : over ? `above the safe limit of ${field.format(limit)}` : `safe limit ${field.format(limit)}`}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="text-sm text-char-700">
        Set by <span className="font-semibold text-char-900">{config.author}</span> · <When at={config.createdAt} />
        <br />“{config.reason}”
      </p>
    </Card>
  );
}

const EXPERIMENT_REFRESH_MS = 3_000;

/**
 * A running drill: what it changed, a live countdown to its automatic revert, and a way to end it
 * now. While it runs the page refreshes itself, so a drill ended elsewhere (another tab, another
 * engineer, the support link) disappears here too.
 */
export function ExperimentBanner({ experiment, endAction }: { experiment: FactoryConfigVersion & { expiresAt: string }; endAction: FormAction }) {
  return (
    <section
      aria-labelledby="experiment-title"
      className="mb-6 flex flex-col gap-4 rounded-2xl border-2 border-sauce-500/40 bg-white p-5 shadow-sm sm:flex-row sm:items-start sm:justify-between"
    >
      <div className="flex min-w-0 flex-col gap-2">
        <p className="flex items-center gap-2 text-xs font-bold uppercase tracking-widest text-sauce-700">
          <span aria-hidden="true" className="size-2.5 animate-pulse rounded-full bg-sauce-500" />
          Experiment running · version {experiment.version}
        </p>
        <h2 id="experiment-title" className="text-xl font-bold text-char-900">
          Drill in progress — reverts by itself in <Countdown until={experiment.expiresAt} className="text-sauce-700" />
        </h2>
        <DiffList diff={experiment.diff} label="What the drill changed" />
        <p className="text-sm text-char-700">
          Started by {experiment.author}, <When at={experiment.createdAt} />: “{experiment.reason}”. At <When at={experiment.expiresAt} /> the factory
          goes back to version {experiment.revertsTo}. No other change applies until then.
        </p>
      </div>
      <div className="shrink-0">
        <ActionButton action={endAction} label="End experiment now" pendingLabel="Ending…" variant="primary" />
      </div>
      <AutoRefresh intervalMs={EXPERIMENT_REFRESH_MS} />
    </section>
  );
}

const VISIBLE_VERSIONS = 8;

const smokeTone = { passed: 'good', failed: 'bad', running: 'warn' } as const;

/** The store's smoke test after a version: how long it took, or where it failed and what became of the rollback. */
function SmokeResult({ test }: { test: SmokeTestView }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-char-700">
      <Badge tone={smokeTone[test.status]}>smoke test {test.status}</Badge>
      {test.status === 'failed' ? (
        <span>
          at {test.failedStep}: {test.message}
        </span>
      ) : (
        test.durationMs !== null && (
          <span>
            {Math.round(test.durationMs)} ms (SLO {test.sloMs} ms)
          </span>
        )
      )}
      {test.rollbackVersion !== null && <span>· rolled back as version {test.rollbackVersion}</span>}
      {test.rollbackError && <span className="text-sauce-700">· rollback refused: {test.rollbackError}</span>}
    </p>
  );
}

/** Before rolling back to a version whose smoke test failed: what failed, and that nothing will undo it this time. */
function SmokeTestWarning({ version, test }: { version: number; test: SmokeTestView }) {
  return (
    <Alert>
      <strong>
        Version {version} failed its smoke test{test.message && <> ({test.message})</>}
        {test.rollbackVersion !== null && <> and was rolled back as version {test.rollbackVersion}</>}.
      </strong>{' '}
      Its configuration will most likely fail again, and a rollback is never rolled back automatically: it would stay in force until someone changes it.
    </Alert>
  );
}

function VersionItem({
  version,
  current,
  rollbackAction,
  rollbackLocked,
  limits,
  smokeTest,
}: {
  version: FactoryConfigVersion;
  current: FactoryConfigVersion;
  rollbackAction: FormAction;
  rollbackLocked: boolean;
  limits: Limits;
  smokeTest: SmokeTestView | undefined;
}) {
  const isCurrent = version.version === current.version;
  const unsafe = CONFIG_FIELDS.some((f) => limits[f.key] !== undefined && version.document[f.key] > limits[f.key]!);
  const wouldChange = CONFIG_FIELDS.filter((f) => current.document[f.key] !== version.document[f.key]).map((f) => ({
    path: f.key,
    from: current.document[f.key],
    to: version.document[f.key],
  }));
  const failedSmokeTest = smokeTest?.status === 'failed' ? smokeTest : undefined;
  return (
    <li id={`version-${version.version}`} className="flex scroll-mt-24 flex-col gap-2 px-5 py-4 target:bg-crust-100 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
      <div className="flex min-w-0 flex-col gap-2">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-bold text-char-900">Version {version.version}</span>
          <KindBadge kind={version.kind} />
          {isCurrent && <Badge tone="good">in force</Badge>}
          <span className="text-sm text-char-700">
            <When at={version.createdAt} />
          </span>
        </p>
        <DiffList diff={version.diff} label={`Changes in version ${version.version}`} />
        <p className="text-sm text-char-700">
          <span className="font-semibold text-char-800">{version.author}</span>: “{version.reason}”
          {version.kind === 'experiment' && version.expiresAt && (
            <>
              {' '}
              · until <When at={version.expiresAt} />
            </>
          )}
          {(version.kind === 'revert' || version.kind === 'rollback') && version.revertsTo !== null && <> · back to version {version.revertsTo}</>}
        </p>
        {smokeTest && <SmokeResult test={smokeTest} />}
      </div>
      {!isCurrent && !rollbackLocked && unsafe && <p className="shrink-0 text-sm text-char-700 sm:max-w-48 sm:text-right">Outside the safe envelope: not a rollback target.</p>}
      {!isCurrent && !rollbackLocked && !unsafe && wouldChange.length > 0 && (
        <div className="shrink-0">
          <ConfirmAction
            action={rollbackAction}
            fields={{ version: version.version, expectedVersion: current.version }}
            triggerLabel="Roll back to this version"
            triggerName={`Roll back to version ${version.version}`}
            title={`Roll back to version ${version.version}?`}
            confirmLabel={failedSmokeTest ? 'Roll back anyway' : 'Roll back'}
            pendingLabel="Rolling back…"
          >
            <div className="flex flex-col gap-3">
              {failedSmokeTest && <SmokeTestWarning version={version.version} test={failedSmokeTest} />}
              <p>The factory takes the values of version {version.version} again, recorded as a new version. Every subscriber is told.</p>
              <DiffList diff={wouldChange} label="What would change" />
              <div className="flex flex-col gap-1">
                <label htmlFor={`rollback-reason-${version.version}`} className="text-sm font-medium text-char-800">
                  Reason
                </label>
                <input
                  id={`rollback-reason-${version.version}`}
                  name="reason"
                  required
                  minLength={3}
                  maxLength={500}
                  defaultValue={`Roll back to version ${version.version}`}
                  className="h-11 rounded-xl border border-char-900/20 bg-white px-3 text-char-900"
                />
              </div>
            </div>
          </ConfirmAction>
        </div>
      )}
    </li>
  );
}

/** Every version, newest first, with readable diffs; older ones behind a disclosure. */
export function ConfigHistory({
  versions,
  current,
  rollbackAction,
  rollbackLocked,
  limits,
  smokeTests,
}: {
  versions: FactoryConfigVersion[];
  current: FactoryConfigVersion;
  rollbackAction: FormAction;
  rollbackLocked: boolean;
  /** The safe envelope, when the factory publishes it: versions outside it are not offered as rollback targets. */
  limits: Limits;
  /** The store's smoke test after each version it heard of. */
  smokeTests: Map<number, SmokeTestView>;
}) {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const item = (v: FactoryConfigVersion) => (
    <VersionItem
      key={v.version}
      version={v}
      current={current}
      rollbackAction={rollbackAction}
      rollbackLocked={rollbackLocked}
      limits={limits}
      smokeTest={smokeTests.get(v.version)}
    />
  );
  const older = newestFirst.slice(VISIBLE_VERSIONS);
  return (
    <section aria-labelledby="history-title">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="history-title" className="text-xl font-bold text-char-900">
          History
        </h2>
        {rollbackLocked && <p className="text-sm text-char-700">Rollbacks are unavailable while an experiment runs.</p>}
      </div>
      <div className="overflow-hidden rounded-2xl border border-char-900/10 bg-white shadow-sm">
        <ol aria-label="Configuration versions, newest first" className="divide-y divide-char-900/10">
          {newestFirst.slice(0, VISIBLE_VERSIONS).map(item)}
        </ol>
        {older.length > 0 && (
          <details className="group border-t border-char-900/10">
            <summary className="cursor-pointer px-5 py-3 text-sm font-semibold text-sauce-700 hover:bg-crust-100">
              Show {older.length} older {older.length === 1 ? 'version' : 'versions'}
            </summary>
            <ol aria-label="Older configuration versions" className="divide-y divide-char-900/10 border-t border-char-900/10">
              {older.map(item)}
            </ol>
          </details>
        )}
      </div>
    </section>
  );
}

const deliveryTone = { delivered: 'good', pending: 'warn', failed: 'bad' } as const;

/** The factory's announcement subscribers and how their deliveries are going. */
export function WebhookList({ webhooks }: { webhooks: FactoryWebhook[] }) {
  if (webhooks.length === 0) {
    return <EmptyState title="No subscribers">Nobody is told about configuration changes. The store subscribes itself when it starts.</EmptyState>;
  }
  return (
    <ul aria-label="Webhook subscribers" className="flex flex-col gap-4">
      {webhooks.map((webhook) => (
        <li key={webhook.id} className="rounded-2xl border border-char-900/10 bg-white p-5 shadow-sm">
          <p className="break-all font-mono text-sm font-semibold text-char-900">{webhook.url}</p>
          <p className="mt-1 text-xs text-char-700">
            Subscribed <When at={webhook.createdAt} />
          </p>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-center">
            {(['delivered', 'pending', 'failed'] as const).map((state) => (
              <div key={state} className="rounded-xl bg-crust-50 px-2 py-2">
                <dt className="text-xs text-char-700">{state[0]!.toUpperCase() + state.slice(1)}</dt>
                <dd className={`text-xl font-bold tabular-nums ${state === 'failed' && webhook.failed ? 'text-sauce-700' : 'text-char-900'}`}>{webhook[state]}</dd>
              </div>
            ))}
          </dl>
          {webhook.recent.length === 0 ? (
            <p className="mt-3 text-sm text-char-700">No deliveries yet: one is sent for every new version.</p>
          ) : (
            <>
              <h3 className="mb-1 mt-4 text-sm font-semibold text-char-800">Recent deliveries</h3>
              <ul aria-label={`Recent deliveries to ${webhook.url}`} className="divide-y divide-char-900/10 text-sm">
                {webhook.recent.map((delivery) => (
                  <li key={delivery.id} className="flex flex-col gap-1 py-2">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-semibold text-char-900">Version {delivery.version}</span>
                      <Badge tone={deliveryTone[delivery.status as keyof typeof deliveryTone] ?? 'neutral'}>{delivery.status}</Badge>
                      <span className="text-char-700">
                        {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
                        {delivery.lastStatus !== null && <> · HTTP {delivery.lastStatus}</>}
                      </span>
                    </p>
                    <p className="text-xs text-char-700">
                      {delivery.deliveredAt ? 'Delivered' : 'Queued'} <When at={delivery.deliveredAt ?? delivery.createdAt} />
                    </p>
                    {delivery.lastError && <p className="break-words text-sauce-700">Last error: {delivery.lastError}</p>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function keyState(key: FactoryKey, now: number): { label: string; tone: 'good' | 'warn' | 'neutral' | 'bad' } {
  if (key.signing) return { label: 'signing', tone: 'good' };
  if (Date.parse(key.signingFrom) > now) return { label: 'published, signs soon', tone: 'warn' };
  if (key.retiredAt && Date.parse(key.retiredAt) <= now) return { label: 'retired', tone: 'neutral' };
  if (key.retiredAt) return { label: 'retiring', tone: 'neutral' };
  return { label: 'published', tone: 'neutral' };
}

/** The factory's signing keys and how each stands in the rotation, with the rotate action. */
export function SigningKeys({ keys, rotateAction, now }: { keys: FactoryKey[]; rotateAction: FormAction; now: number }) {
  const newestFirst = [...keys].sort((a, b) => Date.parse(b.signingFrom) - Date.parse(a.signingFrom));
  return (
    <div className="flex flex-col gap-4">
      {newestFirst.length === 0 ? (
        <EmptyState title="No signing keys yet">The factory creates one before it signs its first pizza.</EmptyState>
      ) : (
        <ul aria-label="Signing keys" className="divide-y divide-char-900/10 overflow-hidden rounded-2xl border border-char-900/10 bg-white shadow-sm">
          {newestFirst.map((key) => {
            const state = keyState(key, now);
            return (
              <li key={key.kid} className="flex flex-col gap-1 px-5 py-3">
                <p className="flex flex-wrap items-center gap-2">
                  <code title={key.kid} className="font-mono text-sm font-semibold text-char-900">
                    <span aria-label={`Key ${key.kid}`}>
                      {key.kid.slice(0, 10)}…{key.kid.slice(-4)}
                    </span>
                  </code>
                  <Badge tone={state.tone}>{state.label}</Badge>
                </p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs text-char-700">
                  <dt>Created</dt>
                  <dd>
                    <When at={key.createdAt} />
                  </dd>
                  <dt>Signs from</dt>
                  <dd>
                    <When at={key.signingFrom} />
                  </dd>
                  <dt>Leaves the JWKS</dt>
                  <dd>{key.retiredAt ? <When at={key.retiredAt} /> : 'not scheduled'}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <ConfirmAction
          action={rotateAction}
          fields={{}}
          triggerLabel="Rotate key"
          triggerName="Rotate the signing key"
          title="Rotate the signing key?"
          confirmLabel="Rotate key"
          pendingLabel="Rotating…"
        >
          <div className="flex flex-col gap-2">
            <p>The factory makes a new key and publishes it in its JWKS right away. It starts signing a little later, so verifiers fetch it first.</p>
            <p>
              The keys in use now stop signing then, but stay published until every pizza they signed has expired, so pizzas already delivered keep
              verifying. Nothing else changes for diners.
            </p>
          </div>
        </ConfirmAction>
        <p className="text-sm text-char-700">Old and new keys overlap in the JWKS: nothing signed earlier stops verifying.</p>
      </div>
    </div>
  );
}
