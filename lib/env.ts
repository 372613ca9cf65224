import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The app's configuration, read from the environment once and validated with zod.
 * Nothing else in lib/ reads process.env. Invalid configuration throws a ConfigError
 * naming the variable, which stops start-up.
 */

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const optionalSecret = (min: number) =>
  z
    .string()
    .min(min, `must be at least ${min} characters`)
    .optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, 'must start with file:, postgres:// or postgresql://')
    .optional(),
  SEED_DEMO: flag.optional(),
  ADMIN_EMAIL: z.email().default('admin@jwt.pizza'),
  ADMIN_PASSWORD: optionalSecret(12),
  AUTH_SECRET: optionalSecret(32),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),
  FACTORY_URL: z.url().optional(),
  FACTORY_PUBLIC_URL: z.url().optional(),
  FACTORY_API_KEY: optionalSecret(24),
  FACTORY_ADMIN_KEY: optionalSecret(24),
  FACTORY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(15),
  CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  ORDER_GIVE_UP_MS: z.coerce.number().int().min(10_000).max(7 * 86_400_000).default(15 * 60_000),
  FULFILMENT_WORKER: flag.default(true),
  FULFILMENT_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  BREAKER_COOLDOWN_MS: z.coerce.number().int().min(500).max(300_000).default(5_000),
  FACTORY_WEBHOOK_SECRET: optionalSecret(24),
  FACTORY_SAFE_MAX_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  FACTORY_SAFE_MAX_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  FACTORY_SAFE_MAX_BAD_JWT_RATE: z.coerce.number().min(0).max(1).default(0),
  FACTORY_KEY_PUBLISH_LEAD_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  TELEMETRY: flag.default(true),
  TELEMETRY_PAGES: flag.default(true),
  TELEMETRY_BENCH_TOGGLE: flag.default(false),
  TELEMETRY_FLUSH_MS: z.coerce.number().int().min(500).max(60_000).default(5_000),
  TELEMETRY_HEARTBEAT_MS: z.coerce.number().int().min(250).max(10_000).default(1_000),
  TELEMETRY_RETAIN_10S_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(48),
  TELEMETRY_RETAIN_1M_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  TELEMETRY_RETAIN_1H_DAYS: z.coerce.number().int().min(1).max(3 * 366).default(365),
  PROBE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .refine((ms) => ms === 0 || (ms >= 1_000 && ms <= 3_600_000), 'must be 0 (off) or between 1000 and 3600000')
    .default(15_000),
  FACTORY_LATENCY_SLO_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  ALERT_EVAL_INTERVAL_MS: z.coerce.number().int().min(500).max(60_000).default(2_000),
  SMOKE_TEST: flag.default(true),
  SMOKE_AUTO_ROLLBACK: flag.default(true),
  SMOKE_TEST_BUDGET_MS: z.coerce.number().int().min(100).max(120_000).optional(),
  PUBLIC_URL: z.url().optional(),
  ALERT_WEBHOOK_URL: z.url().optional(),
  ALERT_WEBHOOK_FORMAT: z.enum(['generic', 'slack']).default('generic'),
  ALERT_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  ALERT_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(100).max(3_600_000).default(1_000),
  INCIDENT_CAUSE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  METRICS_TOKEN: optionalSecret(16),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .regex(/^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$/, 'must be key=value pairs separated by commas')
    .optional(),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('jwt-pizza'),
});

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Env {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  dataDir: string;
  databaseUrl: string;
  databaseKind: DatabaseKind;
  seedDemo: boolean;
  adminEmail: string;
  /** Set when ADMIN_PASSWORD is given; otherwise the seed generates one. */
  adminPassword: string | undefined;
  authSecret: string;
  tokenTtlSeconds: number;
  factoryUrl: string;
  /** True when FACTORY_URL is unset and the store uses the factory hosted in this app. */
  factoryEmbedded: boolean;
  /**
   * Where browsers reach the factory (named in the API docs; old front ends verify pizzas
   * there): FACTORY_PUBLIC_URL, else an external FACTORY_URL, else PUBLIC_URL + /factory.
   * Undefined: the embedded factory at the address the request came to (lib/http/origin.ts).
   */
  factoryPublicUrl: string | undefined;
  factoryApiKey: string;
  factoryAdminKey: string;
  factoryTimeoutMs: number;
  /** scrypt cost as log2(N). */
  passwordHashCost: number;
  /** How long the menu and public franchise list are cached; 0 turns caching off. */
  cacheTtlMs: number;
  /** A pending order still unmade after this long is marked failed. */
  orderGiveUpMs: number;
  /** Whether this instance runs the background worker that retries pending orders. */
  fulfilmentWorker: boolean;
  fulfilmentIntervalMs: number;
  /** How long the factory circuit stays open before a probe call is let through. */
  breakerCooldownMs: number;
  /** Signs the factory's configuration announcements; the store checks them with it. */
  factoryWebhookSecret: string;
  /** The factory's safe envelope: a change outside it is refused unless run as an experiment. */
  factorySafeEnvelope: { maxProcessingDelayMs: number; maxFailureRate: number; maxBadJwtRate: number };
  /** How long a new signing key is published in the JWKS before it signs. */
  factoryKeyPublishLeadMs: number;
  smokeTest: SmokeTestConfig;
  /** The app's address in links sent out (webhook notifications). */
  publicUrl: string;
  incidents: IncidentsConfig;
  telemetry: TelemetryConfig;
}

/** The smoke test the store runs after every factory configuration announcement. */
export interface SmokeTestConfig {
  enabled: boolean;
  /** Whether a failed smoke test after an ordinary change asks the factory to roll it back. */
  autoRollback: boolean;
  /** How long the smoke order may run: past the SLO (the verdict) so that it stays visible in flight. */
  budgetMs: number;
}

export interface IncidentsConfig {
  /** Where incident notifications are POSTed; unset: notifications are recorded as skipped. */
  webhookUrl: string | undefined;
  webhookFormat: 'generic' | 'slack';
  /** Delivery attempts before a notification is given up as failed. */
  webhookMaxAttempts: number;
  /** The first retry's delay; each next one doubles (capped at 5 min). */
  webhookBackoffMs: number;
  /** A factory change applied this long before the first bad measurement is the likely cause. */
  causeWindowMs: number;
}

export interface TelemetryConfig {
  /** Off: no latency recording, in-flight tracking, heartbeat, probe, exporters or per-request logs. */
  enabled: boolean;
  /** Whether page requests and server actions are recorded. */
  pages: boolean;
  /** `npm run bench` only: SIGUSR2 switches telemetry off and on within the process. */
  benchToggle: boolean;
  /** How often this instance writes its latency buckets to the database. */
  flushMs: number;
  /** How often this instance writes its heartbeat (in-flight calls, breaker state). */
  heartbeatMs: number;
  /** How long buckets are kept, per resolution in seconds. */
  retentionMs: { 10: number; 60: number; 3600: number };
  /** The synthetic probe's period; 0 turns it off. */
  probeIntervalMs: number;
  /** The factory's latency objective (p99); above it the factory counts as degraded. */
  factoryLatencySloMs: number;
  /** How often the alert rules are evaluated (by one instance at a time). */
  alertEvalIntervalMs: number;
  /** When set, GET /api/metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** OTLP/HTTP metric push, off unless an endpoint is set. */
  otlp: { endpoint: string; headers: Record<string, string>; intervalMs: number; serviceName: string } | undefined;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * A secret generated on first use and kept under DATA_DIR. The exclusive create makes
 * concurrent starters (several route bundles, several processes) agree on one value.
 */
function persistedSecret(dataDir: string, name: string, bytes = 32): string {
  const dir = path.join(dataDir, 'secrets');
  const file = path.join(dir, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(bytes).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration. ${problems}`);
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, 'jwt-pizza.db')}`;
  const databaseKind: DatabaseKind = databaseUrl.startsWith('file:') ? 'sqlite' : 'postgres';
  const factoryEmbedded = e.FACTORY_URL === undefined;
  const factoryUrl = withoutSlash(e.FACTORY_URL ?? `http://127.0.0.1:${e.PORT}/factory`);
  const publicUrl = e.PUBLIC_URL && withoutSlash(e.PUBLIC_URL);
  if (!factoryEmbedded && e.FACTORY_API_KEY === undefined) {
    throw new ConfigError('Invalid configuration. FACTORY_API_KEY: required when FACTORY_URL names an external factory');
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    dataDir,
    databaseUrl,
    databaseKind,
    seedDemo: e.SEED_DEMO ?? databaseKind === 'sqlite',
    adminEmail: e.ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    authSecret: e.AUTH_SECRET ?? persistedSecret(dataDir, 'AUTH_SECRET'),
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    factoryUrl,
    factoryEmbedded,
    factoryPublicUrl: e.FACTORY_PUBLIC_URL ? withoutSlash(e.FACTORY_PUBLIC_URL) : factoryEmbedded ? publicUrl && `${publicUrl}/factory` : factoryUrl,
    factoryApiKey: e.FACTORY_API_KEY ?? persistedSecret(dataDir, 'FACTORY_API_KEY'),
    factoryAdminKey: e.FACTORY_ADMIN_KEY ?? persistedSecret(dataDir, 'FACTORY_ADMIN_KEY'),
    factoryTimeoutMs: e.FACTORY_TIMEOUT_MS,
    passwordHashCost: e.PASSWORD_HASH_COST,
    cacheTtlMs: e.CACHE_TTL_MS,
    orderGiveUpMs: e.ORDER_GIVE_UP_MS,
    fulfilmentWorker: e.FULFILMENT_WORKER,
    fulfilmentIntervalMs: e.FULFILMENT_INTERVAL_MS,
    breakerCooldownMs: e.BREAKER_COOLDOWN_MS,
    factoryWebhookSecret: e.FACTORY_WEBHOOK_SECRET ?? persistedSecret(dataDir, 'FACTORY_WEBHOOK_SECRET'),
    factorySafeEnvelope: {
      maxProcessingDelayMs: e.FACTORY_SAFE_MAX_DELAY_MS,
      maxFailureRate: e.FACTORY_SAFE_MAX_FAILURE_RATE,
      maxBadJwtRate: e.FACTORY_SAFE_MAX_BAD_JWT_RATE,
    },
    factoryKeyPublishLeadMs: e.FACTORY_KEY_PUBLISH_LEAD_MS,
    smokeTest: {
      enabled: e.SMOKE_TEST,
      autoRollback: e.SMOKE_AUTO_ROLLBACK,
      budgetMs: e.SMOKE_TEST_BUDGET_MS ?? Math.max(e.FACTORY_TIMEOUT_MS, 10_000),
    },
    publicUrl: publicUrl ?? `http://localhost:${e.PORT}`,
    incidents: {
      webhookUrl: e.ALERT_WEBHOOK_URL,
      webhookFormat: e.ALERT_WEBHOOK_FORMAT,
      webhookMaxAttempts: e.ALERT_WEBHOOK_MAX_ATTEMPTS,
      webhookBackoffMs: e.ALERT_WEBHOOK_BACKOFF_MS,
      causeWindowMs: e.INCIDENT_CAUSE_WINDOW_MINUTES * 60_000,
    },
    telemetry: {
      enabled: e.TELEMETRY,
      pages: e.TELEMETRY_PAGES,
      benchToggle: e.TELEMETRY_BENCH_TOGGLE,
      flushMs: e.TELEMETRY_FLUSH_MS,
      heartbeatMs: e.TELEMETRY_HEARTBEAT_MS,
      retentionMs: {
        10: e.TELEMETRY_RETAIN_10S_HOURS * 3_600_000,
        60: e.TELEMETRY_RETAIN_1M_DAYS * 86_400_000,
        3600: e.TELEMETRY_RETAIN_1H_DAYS * 86_400_000,
      },
      probeIntervalMs: e.PROBE_INTERVAL_MS,
      factoryLatencySloMs: e.FACTORY_LATENCY_SLO_MS,
      alertEvalIntervalMs: e.ALERT_EVAL_INTERVAL_MS,
      metricsToken: e.METRICS_TOKEN,
      otlp: e.OTEL_EXPORTER_OTLP_ENDPOINT
        ? {
            endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, ''),
            headers: parseHeaderList(e.OTEL_EXPORTER_OTLP_HEADERS),
            intervalMs: e.OTEL_METRIC_EXPORT_INTERVAL,
            serviceName: e.OTEL_SERVICE_NAME,
          }
        : undefined,
    },
  };
}

const withoutSlash = (url: string) => url.replace(/\/+$/, '');

/** OTEL_EXPORTER_OTLP_HEADERS as the OpenTelemetry spec writes it: `k1=v1,k2=v2`, values URL-encoded. */
function parseHeaderList(list: string | undefined): Record<string, string> {
  if (!list) return {};
  try {
    return Object.fromEntries(
      list.split(',').map((pair) => {
        const at = pair.indexOf('=');
        return [decodeURIComponent(pair.slice(0, at).trim()), decodeURIComponent(pair.slice(at + 1).trim())];
      }),
    );
  } catch {
    throw new ConfigError('Invalid configuration. OTEL_EXPORTER_OTLP_HEADERS: a value is not valid URL encoding');
  }
}

let cached: Env | undefined;

/** The validated configuration, read on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
