// npm test: everything, in order, failing on the first broken prerequisite:
//   1. generate the Prisma clients if missing;
//   2. check that PostgreSQL answers at 127.0.0.1:5432 (the migrator and integration tests use it);
//   3. build the production app if missing or stale (shared logic with npm start);
//   4. vitest run: unit tests, then integration tests against real servers on SQLite and PostgreSQL;
//   5. playwright test: the e2e specs in e2e/.
// Ends with "N passed, N failed" (tests, summed over vitest and playwright).
//
// Options: --no-e2e skips Playwright; any other arguments go to vitest (e.g. a file filter).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureBuild, ensurePrismaClients, ROOT, runNode } from './lib/build.mjs';

const args = process.argv.slice(2);
const skipE2e = args.includes('--no-e2e');
const vitestArgs = args.filter((a) => a !== '--no-e2e');
const PG_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const reports = mkdtempSync(path.join(tmpdir(), 'jwt-pizza-test-reports-'));
const totals = { passed: 0, failed: 0 };
const lines = [];
let failed = false;

function step(title) {
  console.log(`\n=== ${title}`);
}

function finish() {
  rmSync(reports, { recursive: true, force: true });
  console.log('\n=== Summary');
  for (const line of lines) console.log(line);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(failed || totals.failed > 0 ? 1 : 0);
}

function abort(message) {
  console.error(message);
  failed = true;
  lines.push(`aborted: ${message.split('\n')[0]}`);
  finish();
}

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(from) {
  for (let port = from; port < from + 100; port++) {
    const free = await new Promise((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

step('Prisma clients');
if (ensurePrismaClients() !== 0) abort('prisma generate failed.');

step('PostgreSQL');
if (!(await postgresAnswers())) {
  abort(
    `PostgreSQL does not answer at ${PG_URL}.\n` +
      'Start it with:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
      'and check with: pg_isready -h 127.0.0.1',
  );
}
console.log(`answers at ${PG_URL.replace(/\/\/[^@]*@/, '//')}`);

step('Production build');
if (ensureBuild() !== 0) abort('next build failed.');
console.log('up to date.');

step('vitest (unit + integration)');
const vitestReport = path.join(reports, 'vitest.json');
const vitestStatus = runNode([
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
  ...vitestArgs,
]);
const vitest = readJson(vitestReport);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  lines.push(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests + vitest.numTodoTests} skipped (exit ${vitestStatus})`);
} else {
  lines.push(`vitest: no report (exit ${vitestStatus})`);
}
if (vitestStatus !== 0) failed = true;

step('playwright (e2e)');
const specs = existsSync(path.join(ROOT, 'e2e')) ? readdirSync(path.join(ROOT, 'e2e'), { recursive: true }).filter((f) => /\.spec\.[cm]?[jt]s$/.test(String(f))) : [];
if (skipE2e) {
  lines.push('playwright: skipped (--no-e2e)');
} else if (specs.length === 0) {
  console.log('No e2e specs in e2e/; nothing to run.');
  lines.push('playwright: no specs found');
} else {
  const playwrightReport = path.join(reports, 'playwright.json');
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport };
  // A free port for Playwright's own server, so a developer's server on 3300 does not collide.
  if (!process.env.BASE_URL && !process.env.E2E_PORT) env.E2E_PORT = String(await freePort(3241));
  const playwrightStatus = runNode(['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], { env });
  const report = readJson(playwrightReport);
  if (report?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    lines.push(`playwright: ${expected + flaky} passed${flaky ? ` (${flaky} flaky)` : ''}, ${unexpected} failed, ${skipped} skipped (exit ${playwrightStatus})`);
  } else {
    lines.push(`playwright: no report (exit ${playwrightStatus})`);
  }
  if (playwrightStatus !== 0) failed = true;
}

finish();
