import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/env';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-env-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function configError(source: Record<string, string>): ConfigError {
  try {
    parseEnv({ DATA_DIR: dataDir, ...source });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe('parseEnv: invalid configuration stops start-up and names the variable', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['FACTORY_TIMEOUT_MS', { FACTORY_TIMEOUT_MS: '5' }],
    ['AUTH_SECRET', { AUTH_SECRET: 'short' }],
    ['ADMIN_PASSWORD', { ADMIN_PASSWORD: 'short' }],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'not-an-email' }],
    ['FACTORY_URL', { FACTORY_URL: 'not a url' }],
    ['FACTORY_API_KEY', { FACTORY_API_KEY: 'too-short' }],
    ['PASSWORD_HASH_COST', { PASSWORD_HASH_COST: '4' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['TOKEN_TTL_SECONDS', { TOKEN_TTL_SECONDS: '-1' }],
  ])('%s', (name, source) => {
    expect(configError(source).message).toContain(name);
  });

  it('names every invalid variable at once', () => {
    const { message } = configError({ PORT: 'abc', FACTORY_TIMEOUT_MS: '5' });
    expect(message).toContain('PORT');
    expect(message).toContain('FACTORY_TIMEOUT_MS');
  });

  it('does not echo secret values in the error', () => {
    const { message } = configError({ AUTH_SECRET: 'hunter2-leaky', DATABASE_URL: 'mysql://root:db-pass-leaky@db.internal/x' });
    expect(message).toContain('AUTH_SECRET');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2-leaky');
    expect(message).not.toContain('db-pass-leaky');
  });

  it('refuses an external FACTORY_URL without FACTORY_API_KEY', () => {
    const { message } = configError({ FACTORY_URL: 'https://factory.example.com' });
    expect(message).toContain('FACTORY_API_KEY');
  });

  it('accepts an external factory with its key', () => {
    const config = parseEnv({ DATA_DIR: dataDir, FACTORY_URL: 'https://factory.example.com/', FACTORY_API_KEY: 'k'.repeat(24) });
    expect(config.factoryEmbedded).toBe(false);
    expect(config.factoryUrl).toBe('https://factory.example.com');
    expect(config.factoryApiKey).toBe('k'.repeat(24));
  });
});

describe('parseEnv: defaults', () => {
  it('uses an SQLite file under DATA_DIR, seeds the demo and embeds the factory', () => {
    const config = parseEnv({ DATA_DIR: dataDir });
    expect(config.databaseKind).toBe('sqlite');
    expect(config.databaseUrl).toBe(`file:${path.join(dataDir, 'jwt-pizza.db')}`);
    expect(config.dataDir).toBe(path.resolve(dataDir));
    expect(config.seedDemo).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.factoryEmbedded).toBe(true);
    expect(config.factoryUrl).toBe('http://127.0.0.1:3000/factory');
    expect(config.tokenTtlSeconds).toBe(86_400);
    expect(config.factoryTimeoutMs).toBe(2_000);
    expect(config.adminEmail).toBe('admin@jwt.pizza');
    expect(config.adminPassword).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    const config = parseEnv({ DATA_DIR: dataDir, PORT: '', DATABASE_URL: '', SEED_DEMO: '' });
    expect(config.port).toBe(3000);
    expect(config.databaseKind).toBe('sqlite');
  });

  it('turns the demo seed off by default on PostgreSQL, and honours SEED_DEMO either way', () => {
    const pg = { DATA_DIR: dataDir, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x' };
    expect(parseEnv(pg).databaseKind).toBe('postgres');
    expect(parseEnv(pg).seedDemo).toBe(false);
    expect(parseEnv({ ...pg, DATABASE_URL: 'postgres://h/x' }).databaseKind).toBe('postgres');
    expect(parseEnv({ ...pg, SEED_DEMO: 'on' }).seedDemo).toBe(true);
    expect(parseEnv({ DATA_DIR: dataDir, SEED_DEMO: 'off' }).seedDemo).toBe(false);
  });

  it('the embedded factory URL follows PORT', () => {
    expect(parseEnv({ DATA_DIR: dataDir, PORT: '3456' }).factoryUrl).toBe('http://127.0.0.1:3456/factory');
  });

  it("gives browsers the factory's public address while the store calls its own", () => {
    const embedded = parseEnv({ DATA_DIR: dataDir, PORT: '3456' });
    expect(embedded.factoryPublicUrl).toBeUndefined();
    const published = parseEnv({ DATA_DIR: dataDir, PORT: '3456', PUBLIC_URL: 'https://pizza.example.com/' });
    expect(published.factoryPublicUrl).toBe('https://pizza.example.com/factory');
    expect(published.factoryUrl).toBe('http://127.0.0.1:3456/factory');
    const external = { DATA_DIR: dataDir, FACTORY_URL: 'http://factory.internal:8080/', FACTORY_API_KEY: 'k'.repeat(24) };
    expect(parseEnv(external).factoryPublicUrl).toBe('http://factory.internal:8080');
    const split = parseEnv({ ...external, FACTORY_PUBLIC_URL: 'https://factory.example.com/' });
    expect(split.factoryPublicUrl).toBe('https://factory.example.com');
    expect(split.factoryUrl).toBe('http://factory.internal:8080');
  });

  it('lower-cases ADMIN_EMAIL', () => {
    expect(parseEnv({ DATA_DIR: dataDir, ADMIN_EMAIL: 'Boss@Example.COM' }).adminEmail).toBe('boss@example.com');
  });
});

describe('parseEnv: generated secrets', () => {
  it('generates AUTH_SECRET, FACTORY_API_KEY and FACTORY_ADMIN_KEY once, keeps them under DATA_DIR, and reuses them', () => {
    const first = parseEnv({ DATA_DIR: dataDir });
    const second = parseEnv({ DATA_DIR: dataDir });
    for (const [name, value] of [
      ['AUTH_SECRET', first.authSecret],
      ['FACTORY_API_KEY', first.factoryApiKey],
      ['FACTORY_ADMIN_KEY', first.factoryAdminKey],
    ] as const) {
      const file = path.join(dataDir, 'secrets', name);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8').trim()).toBe(value);
      expect(value.length).toBeGreaterThanOrEqual(32);
      expect(statSync(file).mode & 0o077).toBe(0); // readable by the owner only
    }
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.factoryApiKey).toBe(first.factoryApiKey);
    expect(second.factoryAdminKey).toBe(first.factoryAdminKey);
    expect(first.authSecret).not.toBe(first.factoryApiKey);
  });

  it('prefers given secrets and does not write them to disk', () => {
    const config = parseEnv({ DATA_DIR: dataDir, AUTH_SECRET: 'a'.repeat(40) });
    expect(config.authSecret).toBe('a'.repeat(40));
    expect(existsSync(path.join(dataDir, 'secrets', 'AUTH_SECRET'))).toBe(false);
  });

  it('different DATA_DIRs get different secrets', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-env-'));
    try {
      expect(parseEnv({ DATA_DIR: other }).authSecret).not.toBe(parseEnv({ DATA_DIR: dataDir }).authSecret);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
