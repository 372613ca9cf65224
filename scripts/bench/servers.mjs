// Starting and stopping the servers under test. Everything listens on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuild as ensureProductionBuild, ROOT as root } from '../lib/build.mjs';
import { endTree, killTreeNow } from './processes.mjs';

export { ROOT as root } from '../lib/build.mjs';

/** Builds the production app when there is no build or it is older than the sources. */
export function ensureBuild() {
  if (ensureProductionBuild() !== 0) throw new Error('next build failed');
}

const NEXT_BIN = 'node_modules/next/dist/bin/next';
const HOST = '127.0.0.1';

// App settings that must come from the bench, never from the caller's shell.
const APP_KEYS = [
  'PORT', 'DATA_DIR', 'DATABASE_URL', 'SEED_DEMO', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'AUTH_SECRET',
  'TOKEN_TTL_SECONDS', 'FACTORY_URL', 'FACTORY_API_KEY', 'FACTORY_ADMIN_KEY', 'FACTORY_TIMEOUT_MS',
  'PASSWORD_HASH_COST', 'CACHE_TTL_MS', 'FULFILMENT_WORKER', 'BREAKER_COOLDOWN_MS', 'TELEMETRY', 'TELEMETRY_BENCH_TOGGLE', 'PROBE_INTERVAL_MS',
];

/** The admin every app server is seeded with. */
export const BENCH_ADMIN = { email: 'admin@jwt.pizza', password: 'bench-admin-password' };

const running = new Set();
const tempDirs = new Set();

function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(`port ${port} is already in use`)));
    probe.listen(port, HOST, () => probe.close(resolve));
  });
}

async function waitUntilReady(server, readyPath, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      await server.closed;
      const tail = readFileSync(server.logFile, 'utf8').trim().split('\n').slice(-5).join('\n  ');
      throw new Error(`${server.name} exited during start-up (${server.logFile}):\n  ${tail}`);
    }
    try {
      const response = await fetch(`${server.url}${readyPath}`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${server.name} not ready after ${timeoutMs} ms; see ${server.logFile}`);
}

function launch({ name, port, args, env, logDir, niceness = 0, cpus }) {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  // The server writes its log file itself, so this process, which also runs the load
  // generator, does not copy every log line.
  const log = openSync(logFile, 'w');
  // nice(1) and taskset(1) exec the next command in place, so the pid is the server's.
  const wrappers = [...(niceness ? ['nice', '-n', String(niceness)] : []), ...(cpus ? ['taskset', '-c', cpus] : [])];
  const [command, ...commandArgs] = [...wrappers, process.execPath, ...args];
  const child = spawn(command, commandArgs, { cwd: root, env, stdio: ['ignore', log, log] });
  closeSync(log);
  const closed = new Promise((resolve) => child.once('close', resolve));
  const server = { name, port, url: `http://${HOST}:${port}`, pid: child.pid, child, logFile, closed };
  running.add(server);
  return server;
}

/**
 * `next start` on the production build with a fresh embedded database. extraEnv overrides
 * the bench defaults (e.g. CACHE_TTL_MS: '0'); nodeArgs go to node (e.g. --cpu-prof, which
 * NODE_OPTIONS refuses); a positive niceness lowers its CPU priority below the load generator's,
 * and cpus (a taskset list such as '0') pins it to those CPUs.
 */
export async function startServer({ name, port, env: extraEnv = {}, logDir, nodeArgs = [], niceness = 0, cpus }) {
  await assertPortFree(port);
  const dataDir = mkdtempSync(path.join(tmpdir(), `jwt-pizza-bench-${name}-`));
  tempDirs.add(dataDir);
  const env = { ...process.env };
  for (const key of APP_KEYS) delete env[key];
  Object.assign(env, {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: 'on',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    ...extraEnv,
  });
  const server = launch({ name, port, env, logDir, niceness, cpus, args: [...nodeArgs, NEXT_BIN, 'start', '-H', HOST, '-p', String(port)] });
  server.dataDir = dataDir;
  server.env = extraEnv;
  await waitUntilReady(server, '/api/order/menu', 60_000);
  return server;
}

/** The bare node:http ceiling, serving `body` (a Buffer). */
export async function startBare({ name = 'bare', port, body, logDir }) {
  await assertPortFree(port);
  const dir = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-bench-bare-'));
  tempDirs.add(dir);
  const file = path.join(dir, 'body.json');
  writeFileSync(file, body);
  const server = launch({ name, port, logDir, env: process.env, args: [path.join(import.meta.dirname, 'bare-server.mjs'), String(port), file] });
  await waitUntilReady(server, '/', 10_000);
  return server;
}

/** Stops every server started here and removes their temp directories. */
export async function stopAll() {
  await Promise.all([...running].map((s) => endTree(s.child)));
  running.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

// Last resort if the bench dies without reaching stopAll.
process.on('exit', () => {
  for (const s of running) killTreeNow(s.child);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
