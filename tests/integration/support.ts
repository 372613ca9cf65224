import { expect, inject } from 'vitest';

/**
 * Shared helpers for the integration tests: the targets started by global-setup.ts, an HTTP
 * helper that checks every error response against the contract, and factories for users,
 * franchises and orders. Every test creates its own users, so tests are independent.
 */
export type Engine = 'sqlite' | 'postgres';

export interface Target {
  name: Engine;
  url: string;
  dataDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    targets: Target[];
  }
}

/** Known configuration of the two shared servers. */
export const ADMIN_EMAIL = 'admin@jwt.pizza';
export const ADMIN_PASSWORD = 'integration-admin-password-7f3a';
export const AUTH_SECRET = 'integration-auth-secret-0123456789abcdef-0123456789';
export const FACTORY_API_KEY = 'integration-factory-vendor-key-5c1e9d';

export const targets = (): Target[] => inject('targets');

/** What every test's private server is started with: the admin, the secrets and the factory keys. */
export function privateServerEnv(keys: { vendorKey: string; adminKey: string; webhookSecret?: string }): Record<string, string> {
  return {
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    AUTH_SECRET,
    PASSWORD_HASH_COST: '10',
    FACTORY_API_KEY: keys.vendorKey,
    FACTORY_ADMIN_KEY: keys.adminKey,
    ...(keys.webhookSecret ? { FACTORY_WEBHOOK_SECRET: keys.webhookSecret } : {}),
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
}

/** Anything that looks like a stack trace or a server path. */
const LEAK = /\\n\s+at |\bat [\w$.<>[\] ]+ \(|\bat (?:file:\/\/)?\/[\w/.-]+:\d+|node_modules|\/\.next\/|\/work\/|webpack-internal/;

export function assertNoLeak(text: string): void {
  expect(text, 'response leaks a stack trace or a server path').not.toMatch(LEAK);
}

export async function call<T = any>(t: Target, method: string, path: string, options: CallOptions = {}): Promise<Res<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  headers.Accept ??= 'application/json';
  const response = await fetch(`${t.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  assertNoLeak(text);
  if (response.status >= 400) {
    // The contract: every error is JSON {message} with a fitting status.
    expect(parsed, `${method} ${path} → ${response.status}: ${text.slice(0, 200)}`).toMatchObject({ message: expect.any(String) });
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

let counter = 0;
/** A unique, lower-case email; the prefix says which test made it. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@test.jwt.pizza`;
}

export const uniqueName = (prefix: string) => `${prefix} ${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export interface TestUser {
  id: number;
  name: string;
  email: string;
  password: string;
  token: string;
}

export async function registerUser(t: Target, prefix = 'diner', name?: string): Promise<TestUser> {
  const email = uniqueEmail(prefix);
  const password = `pw-${Math.random().toString(36).slice(2)}-long`;
  const userName = name ?? uniqueName(prefix);
  const res = await call(t, 'POST', '/api/auth', { body: { name: userName, email, password } });
  expect(res.status, res.text).toBe(200);
  return { id: res.body.user.id, name: userName, email, password, token: res.body.token };
}

export async function login(t: Target, email: string, password: string): Promise<Res> {
  return call(t, 'PUT', '/api/auth', { body: { email, password } });
}

const adminTokens = new Map<string, Promise<string>>();
export function adminToken(t: Target): Promise<string> {
  let token = adminTokens.get(t.url);
  if (!token) {
    token = login(t, ADMIN_EMAIL, ADMIN_PASSWORD).then((res) => {
      expect(res.status, res.text).toBe(200);
      return res.body.token as string;
    });
    adminTokens.set(t.url, token);
  }
  return token;
}

export interface TestFranchise {
  id: number;
  name: string;
  storeId: number;
  storeName: string;
}

/** A new franchise (administered by the given users) with one store. */
export async function createFranchise(t: Target, admins: { email: string }[] = []): Promise<TestFranchise> {
  const token = await adminToken(t);
  const name = uniqueName('franchise');
  const created = await call(t, 'POST', '/api/franchise', { token, body: { name, admins: admins.map((a) => ({ email: a.email })) } });
  expect(created.status, created.text).toBe(200);
  const store = await call(t, 'POST', `/api/franchise/${created.body.id}/store`, { token, body: { name: 'Main St' } });
  expect(store.status, store.text).toBe(200);
  return { id: created.body.id, name, storeId: store.body.id, storeName: 'Main St' };
}

export interface MenuEntry {
  id: number;
  title: string;
  image: string;
  price: number;
  description: string;
}

export async function menuByTitle(t: Target): Promise<Map<string, MenuEntry>> {
  const res = await call<MenuEntry[]>(t, 'GET', '/api/order/menu');
  expect(res.status).toBe(200);
  return new Map(res.body.map((m) => [m.title, m]));
}

export async function order(t: Target, token: string, franchise: { id: number; storeId: number }, menuIds: number[]): Promise<Res> {
  return call(t, 'POST', '/api/order', {
    token,
    body: { franchiseId: franchise.id, storeId: franchise.storeId, items: menuIds.map((menuId) => ({ menuId, description: 'x', price: 0.0001 })) },
  });
}

/** The payload of a JWT, without verifying it. */
export function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, any> } {
  const [header, payload] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')),
  };
}
