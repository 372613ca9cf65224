// Shared by scripts/start.mjs and scripts/test.mjs: generate the Prisma clients when they are
// missing, and rebuild the production app when any source is newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Everything a production build depends on (tests/ and e2e/ are not part of it). */
export const BUILD_SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'prisma',
  'instrumentation.ts',
  'next.config.js',
  'package.json',
  'package-lock.json',
];

export function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/** Runs `node <args>` in the repo root with inherited output; returns the exit status. */
export function runNode(args, options = {}) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

/** Generates both Prisma clients unless they exist. Returns an exit status. */
export function ensurePrismaClients(root = ROOT) {
  if (existsSync(path.join(root, 'lib', 'generated', 'sqlite')) && existsSync(path.join(root, 'lib', 'generated', 'postgres'))) return 0;
  console.log('Prisma clients missing; generating.');
  return runNode(['scripts/generate-prisma.mjs'], { cwd: root });
}

/** Why a rebuild is needed, or undefined when .next/BUILD_ID is newer than every source. */
export function staleBuildReason(root = ROOT) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'No production build yet; building.';
  const builtAt = statSync(buildId).mtimeMs;
  const newest = Math.max(...BUILD_SOURCES.map((s) => newestMtime(path.join(root, s))));
  return builtAt < newest ? 'Sources changed since the last build; rebuilding.' : undefined;
}

/** Builds the production app if it is missing or stale. Returns an exit status. */
export function ensureBuild(root = ROOT) {
  const reason = staleBuildReason(root);
  if (!reason) return 0;
  console.log(reason);
  return runNode(['node_modules/next/dist/bin/next', 'build'], { cwd: root });
}
