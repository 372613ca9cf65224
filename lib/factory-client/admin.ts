import 'server-only';
import { env } from '@/lib/env';
import { AppError, type ErrorCode } from '@/lib/errors';

/**
 * The factory's admin API over HTTP, for the store's admin pages. The store never reads the
 * factory's tables: whatever the factory is (embedded or not), this is how admins reach it.
 */

export interface FactoryConfigDocument {
  processingDelayMs: number;
  failureRate: number;
  badJwtRate: number;
  maxItemsPerOrder: number;
  tokenTtlSeconds: number;
}

export interface FactoryConfigVersion {
  version: number;
  document: FactoryConfigDocument;
  diff: { path: string; from: unknown; to: unknown }[];
  author: string;
  reason: string;
  kind: 'initial' | 'change' | 'rollback' | 'experiment' | 'revert';
  createdAt: string;
  expiresAt: string | null;
  revertsTo: number | null;
}

export interface FactoryWebhook {
  id: number;
  url: string;
  createdAt: string;
  delivered: number;
  pending: number;
  failed: number;
  recent: { id: number; version: number; status: string; attempts: number; lastStatus: number | null; lastError: string | null; createdAt: string; deliveredAt: string | null }[];
}

export interface FactoryKey {
  kid: string;
  createdAt: string;
  signingFrom: string;
  retiredAt: string | null;
  signing: boolean;
}

export interface FieldProblem {
  path: string;
  message: string;
}

const STATUS_CODES: Record<number, ErrorCode> = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'unprocessable' };

async function call<T>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${env().factoryUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${env().factoryAdminKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(env().factoryTimeoutMs * 2),
      cache: 'no-store',
    });
  } catch {
    throw new AppError('unavailable', 'the factory could not be reached');
  }
  const json = (await response.json().catch(() => ({}))) as { message?: string; errors?: FieldProblem[] };
  if (!response.ok) {
    throw new AppError(STATUS_CODES[response.status] ?? 'unavailable', json.message ?? `the factory answered ${response.status}`, json.errors);
  }
  return json as T;
}

export const factoryAdmin = {
  config: () => call<FactoryConfigVersion>('GET', '/api/config'),
  history: async () => (await call<{ versions: FactoryConfigVersion[] }>('GET', '/api/config/history')).versions,
  change: (input: { changes: Partial<FactoryConfigDocument>; reason: string; author: string; expectedVersion?: number; experiment?: { expiresAt: string } }) =>
    call<FactoryConfigVersion>('PUT', '/api/config', input),
  rollback: (input: { version: number; reason: string; author: string; expectedVersion?: number }) =>
    call<FactoryConfigVersion>('POST', '/api/config/rollback', input),
  endExperiment: (input: { reason: string; author: string }) => call<FactoryConfigVersion>('POST', '/api/config/experiment/end', input),
  webhooks: async () => (await call<{ webhooks: FactoryWebhook[] }>('GET', '/api/webhooks')).webhooks,
  keys: async () => (await call<{ keys: FactoryKey[] }>('GET', '/api/keys')).keys,
  rotateKey: async () => (await call<{ keys: FactoryKey[] }>('POST', '/api/keys/rotate')).keys,
};
