import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The store and the embedded pizza factory are separate services that talk only over HTTP.
 * This scans the source for imports that cross the boundary. Only lib/startup.ts, the host's
 * start-up, may import both sides.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

const FACTORY_SIDE = ['lib/factory', 'app/factory'];
const STORE_SIDE = ['lib/store', 'lib/factory-client', 'lib/auth', 'lib/api', 'app/api', 'app/(shop)', 'app/admin', 'app/franchise', 'components'];
const STORE_MODULES = ['lib/store', 'lib/auth', 'lib/factory-client', 'lib/api'];
const FACTORY_MODULES = ['lib/factory'];

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(name) ? [rel] : [];
  });
}

/** Every module specifier in a file: static imports, re-exports, dynamic import() and require(). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The repo-relative module a specifier points at, or undefined for packages. */
function target(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return undefined;
}

const inside = (module: string, dirs: string[]) => dirs.some((d) => module === d || module.startsWith(`${d}/`));

function violations(from: string[], forbidden: string[]): string[] {
  return from.flatMap(sourceFiles).flatMap((file) =>
    specifiers(readFileSync(path.join(ROOT, file), 'utf8')).flatMap((spec) => {
      const module = target(file, spec);
      return module !== undefined && inside(module, forbidden) ? [`${file} imports ${spec}`] : [];
    }),
  );
}

describe('service boundary between the store and the pizza factory', () => {
  it('finds the imports it is meant to police (self-check of the scanner)', () => {
    expect(specifiers(`import { a } from '@/lib/store/menu';\nimport type { B } from "@/lib/auth/roles";\nexport { c } from './x';\nconst m = await import('@/lib/api/docs');\nimport '@/lib/factory/keys';\nimport {\n  d,\n} from '../factory/pizza';`)).toEqual([
      '@/lib/store/menu',
      '@/lib/auth/roles',
      './x',
      '@/lib/factory/keys',
      '../factory/pizza',
      '@/lib/api/docs',
    ]);
    expect(target('lib/store/menu.ts', '../factory/keys')).toBe('lib/factory/keys');
    expect(sourceFiles('lib/factory').length).toBeGreaterThan(3);
    expect(sourceFiles('app/api').length).toBeGreaterThan(5);
  });

  it('factory code imports nothing from the store (store, auth, factory-client, api)', () => {
    expect(violations(FACTORY_SIDE, STORE_MODULES)).toEqual([]);
  });

  it('store code imports nothing from the factory', () => {
    expect(violations(STORE_SIDE, FACTORY_MODULES)).toEqual([]);
  });

  it('outside both sides, only lib/startup.ts imports the factory', () => {
    const others = ['app', 'lib', 'components', 'instrumentation.ts']
      .flatMap((d) => (d.endsWith('.ts') ? [d] : sourceFiles(d)))
      .filter((f) => !inside(f, [...FACTORY_SIDE, ...STORE_SIDE, 'lib/generated']) && f !== 'lib/startup.ts');
    const offenders = others.flatMap((file) =>
      specifiers(readFileSync(path.join(ROOT, file), 'utf8'))
        .filter((spec) => inside(target(file, spec) ?? '', FACTORY_MODULES))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
