import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { staleBuildReason } from '../../scripts/lib/build.mjs';

/** Starts and stops real `next start` servers on the production build, for integration tests. */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningServer {
  url: string;
  port: number;
  logFile: string;
  /** SIGTERM, then SIGKILL after 10 s; waits until the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash or an OOM kill would: no shutdown code runs. */
  kill(): Promise<void>;
}

/** The first port at or above `from` that nothing listens on. */
export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}..${from + 99}`);
}

export function assertBuilt(): void {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('No production build (.next/BUILD_ID is missing): run `npm run build` first (npm test builds for you).');
  }
}

let warned = false;
/** Integration tests run the last build; say so when the sources are newer. */
export function warnIfStale(): void {
  if (warned || !staleBuildReason(ROOT)) return;
  warned = true;
  console.warn('\nWARNING: sources changed since the last production build; integration tests run the OLD build. Run `npm run build` (npm test does).\n');
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-40).join('\n') : '(no log)');

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Spawns `next start -p <port>` in its own process group with the given environment (added
 * to a clean base, not to this process's environment) and waits until /api/docs answers.
 */
export async function startServer(options: { port: number; env: Record<string, string>; logFile: string }): Promise<RunningServer> {
  assertBuilt();
  const { port, logFile } = options;
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      ...options.env,
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const done = exited(child);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await done;
    }
    log.end();
  };

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const done = exited(child);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await done;
      clearTimeout(timer);
    }
    log.end();
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`server on port ${port} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/api/docs`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return { url, port, logFile, stop, kill };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await stop();
  throw new Error(`server on port ${port} did not answer /api/docs within 90 s:\n${tail(logFile)}`);
}
