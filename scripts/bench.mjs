// npm run bench: load-tests the production build with autocannon and writes
// bench/results/latest.{json,md}. Settings (environment):
//   BENCH_DURATION     seconds per measured run (default 10)
//   BENCH_WARMUP       seconds of warm-up load per case before its first run (default 3)
//   BENCH_CONNECTIONS  comma-separated connection counts (default 10,50)
//   BENCH_ROUNDS       measure everything this many times, interleaved, and report the median (default 1)
//   BENCH_SLICE_S      telemetry on/off pairs are measured in turns, in slices of this many seconds (default 2)
//   BENCH_TOGGLE_SETTLE_MS  pause after switching the app server's telemetry, before the next slice (default 2500)
//   BENCH_CROSSOVER_PAIRS    slice pairs per round of each crossover case (default 4)
//   BENCH_CROSSOVER_SLICE_S  seconds per crossover slice (default 5)
//   BENCH_TWIN_CPUS    the CPUs the crossover's two servers share, as taskset takes them (default 0: one CPU, shared alike)
//   BENCH_ONLY         comma-separated case ids or groups (menu, telemetry, idle, drill, detect), e.g. menu,order,drill (default: all)
//   BENCH_DRILL_S      seconds the incident drill keeps 20 diners ordering (default 60)
//   BENCH_DETECT_DRILLS  time-to-detect drills (default 10)
//   BENCH_IDLE_PAIRS, BENCH_IDLE_S  background work: on/off window pairs (default 3) of this many seconds (default 15)
//   BENCH_CPU_PROFILE  a directory: the app servers write V8 CPU profiles there (node --cpu-prof) when they stop
//   BENCH_PORT         first port to use (default 3401)
//   BENCH_APP_ENV      JSON object of extra settings for the app server, for experiments, e.g.
//                      '{"PROBE_INTERVAL_MS":"0"}' to see what the probe costs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timeToDetect } from './bench/detect.mjs';
import { DRILL_ADMIN_KEY, orderingDrill } from './bench/drill.mjs';
import { measureIdle } from './bench/idle.mjs';
import { combineSlices, measure, measureCrossover, measureInterleaved, settle, warmUp } from './bench/measure.mjs';
import { detectLines, drillLines, idleLines, markdown, ratioLines, textTable } from './bench/report.mjs';
import { BENCH_ADMIN, ensureBuild, root, startBare, startServer, stopAll } from './bench/servers.mjs';
import { crossoverRatios, median, medianInterval } from './bench/stats.mjs';

const durationS = Number(process.env.BENCH_DURATION ?? 10);
const warmupS = Number(process.env.BENCH_WARMUP ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const sliceS = Number(process.env.BENCH_SLICE_S ?? 2);
const toggleSettleMs = Number(process.env.BENCH_TOGGLE_SETTLE_MS ?? 2500);
const crossoverPairs = Number(process.env.BENCH_CROSSOVER_PAIRS ?? 4);
const crossoverSliceS = Number(process.env.BENCH_CROSSOVER_SLICE_S ?? 5);
const connectionLevels = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : undefined;
const firstPort = Number(process.env.BENCH_PORT ?? 3401);
const resultsDir = path.join(root, 'bench', 'results');
const logDir = path.join(resultsDir, 'logs');

const positive = [durationS, warmupS, rounds, sliceS, toggleSettleMs + 1, crossoverPairs, crossoverSliceS, ...connectionLevels];
if (!positive.every((n) => n > 0) || !Number.isInteger(crossoverPairs)) {
  throw new Error('BENCH_DURATION, BENCH_WARMUP, BENCH_ROUNDS, BENCH_SLICE_S, BENCH_TOGGLE_SETTLE_MS, BENCH_CROSSOVER_PAIRS, BENCH_CROSSOVER_SLICE_S and BENCH_CONNECTIONS must be positive numbers');
}

const appEnv = JSON.parse(process.env.BENCH_APP_ENV ?? '{}');
if (typeof appEnv !== 'object' || appEnv === null || Object.values(appEnv).some((v) => typeof v !== 'string')) {
  throw new Error('BENCH_APP_ENV must be a JSON object of strings, e.g. {"PROBE_INTERVAL_MS":"0"}');
}
const cpuProfileDir = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : undefined;
const BUSY_PCT = 15; // 'Other CPU' above this marks a run as disturbed
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const DEMO_DINER = { email: 'diner@demo.jwt.pizza', password: 'demo-diner-pass' }; // lib/store/seed.ts

// The servers under test, started on first use and shared by the cases.
const nodeArgs = (name) => (cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(cpuProfileDir, name)}`] : []);
// TELEMETRY_BENCH_TOGGLE: SIGUSR2 switches its telemetry off and on (setTelemetry).
const toggling = (name, options = {}) => (port) => startServer({ name, port, logDir, env: { TELEMETRY_BENCH_TOGGLE: 'on', ...appEnv }, nodeArgs: nodeArgs(name), ...options });
// The crossover's two servers share one CPU, so the scheduler gives them the same CPU time
// and whatever else runs on it slows both alike; they run below the load generator's CPU
// priority, so that it keeps both busy.
const twin = { niceness: 5, cpus: process.env.BENCH_TWIN_CPUS ?? '0' };
const SERVERS = {
  app: { portOffset: 0, start: toggling('app') },
  'twin-a': { portOffset: 6, start: toggling('twin-a', twin) },
  'twin-b': { portOffset: 7, start: toggling('twin-b', twin) },
  'app-uncached': { portOffset: 1, start: (port) => startServer({ name: 'app-uncached', port, logDir, env: { CACHE_TTL_MS: '0' }, nodeArgs: nodeArgs('app-uncached') }) },
  'app-no-telemetry': { portOffset: 4, start: (port) => startServer({ name: 'app-no-telemetry', port, logDir, env: { TELEMETRY: 'off' }, nodeArgs: nodeArgs('app-no-telemetry') }) },
  bare: {
    portOffset: 2,
    start: async (port) => {
      // The same bytes the app serves for the menu.
      const app = await server('app');
      const body = Buffer.from(await (await fetch(`${app.url}/api/order/menu`)).arrayBuffer());
      return startBare({ port, body, logDir });
    },
  },
};

const started = new Map();
function server(name) {
  if (!started.has(name)) started.set(name, SERVERS[name].start(firstPort + SERVERS[name].portOffset));
  return started.get(name);
}

/**
 * The cases, measured in this order. `request` is { method, path, headers, body } or an async
 * function of the server returning one (for set-up such as registering a user).
 * `minDurationS` lengthens runs of slow cases, whose latency is seconds at 50 connections.
 * `pairedWith`: when both cases are selected, they are measured together, in turns
 * (measureInterleaved), so that the telemetry's cost is not lost in the machine's noise.
 * `telemetry: false` measures the app server with its telemetry switched off (no recording or
 * log line per request; the background jobs skip their runs), within the same process: two processes of one build differ by
 * several per cent in speed (0.78–0.83 ms CPU per menu request across four identical
 * TELEMETRY=off servers), more than the cost being measured. The separate TELEMETRY=off
 * process is measured alongside, as a cross-check.
 * `crossover` cases load two such servers at once (measureCrossover), with telemetry
 * `states[0]` (A) in one and `states[1]` (B) in the other, swapped every slice; `costOf`
 * names the route whose cost they measure, and `control` marks the A/A control.
 */
const CASES = [
  {
    id: 'baseline',
    title: 'bare node:http (menu bytes)',
    server: 'bare',
    request: { path: '/api/order/menu' },
  },
  {
    id: 'menu',
    group: 'menu',
    title: 'GET /api/order/menu (cached)',
    server: 'app',
    request: { path: '/api/order/menu' },
  },
  {
    id: 'menu-telemetry-off',
    group: 'telemetry',
    pairedWith: 'menu',
    title: 'GET /api/order/menu (telemetry switched off)',
    server: 'app',
    telemetry: false,
    request: { path: '/api/order/menu' },
  },
  {
    // A/A control: the same state measured the same way; its "cost" is the method's own noise.
    id: 'menu-telemetry-control',
    group: 'telemetry',
    pairedWith: 'menu',
    title: 'GET /api/order/menu (telemetry on, A/A control)',
    server: 'app',
    request: { path: '/api/order/menu' },
  },
  {
    id: 'menu-telemetry-off-process',
    group: 'telemetry',
    pairedWith: 'menu',
    title: 'GET /api/order/menu (TELEMETRY=off process)',
    server: 'app-no-telemetry',
    request: { path: '/api/order/menu' },
  },
  {
    id: 'menu-crossover',
    group: 'telemetry',
    title: 'GET /api/order/menu, crossover',
    crossover: { servers: ['twin-a', 'twin-b'], states: [true, false], costOf: 'menu' },
    request: { path: '/api/order/menu' },
  },
  {
    id: 'menu-crossover-control',
    group: 'telemetry',
    title: 'GET /api/order/menu, crossover A/A control',
    crossover: { servers: ['twin-a', 'twin-b'], states: [true, true], costOf: 'menu', control: true },
    request: { path: '/api/order/menu' },
  },
  {
    id: 'menu-uncached',
    group: 'menu',
    title: 'GET /api/order/menu (CACHE_TTL_MS=0)',
    server: 'app-uncached',
    request: { path: '/api/order/menu' },
  },
  {
    id: 'franchise',
    title: 'GET /api/franchise',
    server: 'app',
    request: { path: '/api/franchise' },
  },
  {
    id: 'login',
    title: 'PUT /api/auth (scrypt cost 15)',
    server: 'app',
    minDurationS: 20,
    request: { method: 'PUT', path: '/api/auth', headers: JSON_HEADERS, body: JSON.stringify(DEMO_DINER) },
  },
  {
    id: 'order',
    title: 'POST /api/order (1 item)',
    server: 'app',
    request: orderRequest,
  },
  {
    id: 'order-telemetry-off',
    group: 'telemetry',
    pairedWith: 'order',
    title: 'POST /api/order (telemetry switched off)',
    server: 'app',
    telemetry: false,
    request: orderRequest,
  },
  {
    id: 'order-telemetry-off-process',
    group: 'telemetry',
    pairedWith: 'order',
    title: 'POST /api/order (TELEMETRY=off process)',
    server: 'app-no-telemetry',
    request: orderRequest,
  },
  {
    id: 'order-crossover',
    group: 'telemetry',
    title: 'POST /api/order (1 item), crossover',
    crossover: { servers: ['twin-a', 'twin-b'], states: [true, false], costOf: 'order' },
    request: orderRequest,
  },
];

async function orderRequest(app) {
  const token = await registerDiner(app);
  const { franchises } = await getJson(`${app.url}/api/franchise`);
  const [menuItem] = await getJson(`${app.url}/api/order/menu`);
  const order = {
    franchiseId: franchises[0].id,
    storeId: franchises[0].stores[0].id,
    items: [{ menuId: menuItem.id, description: menuItem.title, price: menuItem.price }],
  };
  return {
    method: 'POST',
    path: '/api/order',
    headers: { ...JSON_HEADERS, Authorization: `Bearer ${token}` },
    body: JSON.stringify(order),
  };
}

async function getJson(url, init) {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function registerDiner(app) {
  const user = { name: 'Bench Diner', email: `bench-${Date.now()}@bench.jwt.pizza`, password: 'bench-diner-pass' };
  const { token } = await getJson(`${app.url}/api/auth`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(user) });
  return token;
}

/**
 * Switches the app server's telemetry (SIGUSR2, TELEMETRY_BENCH_TOGGLE) and waits until it
 * has taken effect: responses carry X-Request-Id only while telemetry is on. (Not /api/metrics:
 * a scrape before every slice would be counted as telemetry's cost.)
 */
async function setTelemetry(target, on) {
  if (!target.env?.TELEMETRY_BENCH_TOGGLE || (target.telemetryOn ?? true) === on) return;
  process.kill(target.pid, 'SIGUSR2');
  const deadline = Date.now() + 5_000;
  const isOn = async () => {
    const response = await fetch(`${target.url}/api/order/menu`);
    await response.arrayBuffer();
    return response.headers.has('x-request-id');
  };
  while ((await isOn()) !== on) {
    if (Date.now() > deadline) throw new Error(`${target.name}: telemetry did not switch ${on ? 'on' : 'off'}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  target.telemetryOn = on;
  // Right after a switch the server is in a transition that one whose telemetry stays on never
  // goes through (the background jobs' first runs after a pause): the next slice starts after it.
  await new Promise((r) => setTimeout(r, toggleSettleMs));
}

/** One request by hand first, so a broken case fails loudly instead of measuring errors. */
async function checkOnce(target, request) {
  await getJson(`${target.url}${request.path}`, { method: request.method ?? 'GET', headers: request.headers, body: request.body });
}

const selected = CASES.filter((c) => !only || only.includes(c.id) || only.includes(c.group));
const pairedAfter = (benchCase) => benchCase.pairedWith !== undefined && selected.some((c) => c.id === benchCase.pairedWith);
const telemetryOf = (benchCase) => benchCase.telemetry ?? true;
const drillSelected = !only || only.includes('drill');
const drillS = Number(process.env.BENCH_DRILL_S ?? 60);
const detectSelected = !only || only.includes('detect');
const detectDrills = Number(process.env.BENCH_DETECT_DRILLS ?? 10);
const idleSelected = !only || only.includes('idle') || only.includes('telemetry');
const idlePairs = Number(process.env.BENCH_IDLE_PAIRS ?? 3);
// 15 s: one probe (every 15 s by default) falls in each window.
const idleWindowS = Number(process.env.BENCH_IDLE_S ?? 15);

function machineInfo() {
  const version = (pkg) => JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    totalMemGB: Math.round(os.totalmem() / 2 ** 30),
    loadAvg: os.loadavg().map((l) => l.toFixed(2)),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    next: version('next'),
    autocannon: version('autocannon'),
  };
}

/** One row per case (or crossover state) and connection level: the run with the median req/s, in the order measured. */
function medianRows(runs) {
  const rows = [];
  for (const id of new Set(runs.map((r) => r.id))) {
    for (const connections of connectionLevels) {
      const same = runs.filter((r) => r.id === id && r.connections === connections).sort((a, b) => a.reqPerSec - b.reqPerSec);
      if (!same.length) continue;
      const middle = same[Math.floor((same.length - 1) / 2)];
      rows.push({ ...middle, reqPerSecAllRounds: same.map((r) => r.reqPerSec) });
    }
  }
  return rows;
}

function ratios(results, runs) {
  const row = (id, conns) => results.find((r) => r.id === id && r.connections === conns);
  const menuCacheGain = {};
  const menuCacheCpuGain = {};
  const telemetryCost = {};
  const percentOfBaseline = {};
  for (const conns of connectionLevels) {
    const cached = row('menu', conns);
    const uncached = row('menu-uncached', conns);
    if (cached && uncached) {
      menuCacheGain[conns] = cached.reqPerSec / uncached.reqPerSec;
      menuCacheCpuGain[conns] = uncached.serverCpuMsPerReq / cached.serverCpuMsPerReq;
    }
    const record = (route, baseline, { lossPct, cpuGainPct, rounds }) => {
      if (!lossPct.length) return;
      // Requests per CPU-second: throughput with each state given the same CPU.
      const perCpuLossPct = cpuGainPct.map((gain) => 100 * (1 - 100 / (100 + gain)));
      ((telemetryCost[route] ??= {})[baseline] ??= {})[conns] = {
        throughputLossPct: median(lossPct),
        throughputLossInterval: medianInterval(lossPct),
        cpuPerReqGainPct: median(cpuGainPct),
        cpuPerReqGainInterval: medianInterval(cpuGainPct),
        perCpuThroughputLossPct: median(perCpuLossPct),
        perCpuThroughputLossInterval: medianInterval(perCpuLossPct),
        slicePairs: lossPct.length,
        rounds,
      };
    };
    for (const benchCase of selected.filter((c) => c.crossover)) {
      // Each pair of slices gives one A/B ratio, free of the two servers' own speeds.
      const measured = runs.filter((r) => r.crossoverOf === benchCase.id && r.connections === conns);
      const ratiosOf = (key) => measured.flatMap((r) => crossoverRatios(r.crossoverSlices.map((pair) => pair.map((row) => row[key]))));
      record(benchCase.crossover.costOf, benchCase.crossover.control ? 'crossoverControl' : 'crossover', {
        lossPct: ratiosOf('reqPerSec').map((r) => 100 * (1 - r)),
        cpuGainPct: ratiosOf('serverCpuMsPerReq').map((r) => 100 * (r - 1)),
        rounds: measured.length,
      });
    }
    const comparisons = [
      ['menu', 'menu-telemetry-off', 'sameProcess'],
      ['order', 'order-telemetry-off', 'sameProcess'],
      ['menu', 'menu-telemetry-off-process', 'againstOtherProcess'],
      ['order', 'order-telemetry-off-process', 'againstOtherProcess'],
      ['menu', 'menu-telemetry-control', 'control'],
    ];
    for (const [on, off, baseline] of comparisons) {
      // Slice i of a pair was measured right before or after slice i of its partner, so each
      // slice pair is one comparison under the same machine load; the median over all of them
      // (every round) is the cost, with a bootstrap interval for how far it can be trusted.
      const lossPct = [];
      const cpuGainPct = [];
      let rounds = 0;
      for (const withTelemetry of runs.filter((r) => r.id === on && r.connections === conns)) {
        const without = runs.find((r) => r.id === off && r.connections === conns && r.round === withTelemetry.round);
        if (!without) continue;
        rounds += 1;
        withTelemetry.sliceRates.forEach((a, i) => {
          const b = without.sliceRates[i];
          if (!b) return;
          lossPct.push(100 * (1 - a.reqPerSec / b.reqPerSec));
          if (a.serverCpuMsPerReq && b.serverCpuMsPerReq) cpuGainPct.push(100 * (a.serverCpuMsPerReq / b.serverCpuMsPerReq - 1));
        });
      }
      record(on, baseline, { lossPct, cpuGainPct, rounds });
    }
    const base = row('baseline', conns);
    for (const r of results.filter((x) => x.connections === conns)) {
      r.pctOfBaseline = base ? (100 * r.reqPerSec) / base.reqPerSec : undefined;
      if (base) (percentOfBaseline[r.id] ??= {})[conns] = r.pctOfBaseline;
    }
  }
  return { menuCacheGain, menuCacheCpuGain, telemetryCost, percentOfBaseline };
}

async function main() {
  if (!selected.length && !idleSelected && !drillSelected && !detectSelected) throw new Error(`BENCH_ONLY matched no case; ids: ${CASES.map((c) => c.id).join(', ')}, idle, drill, detect`);
  if (!(idlePairs >= 1 && idleWindowS > 0)) throw new Error('BENCH_IDLE_PAIRS and BENCH_IDLE_S must be positive numbers');
  if (!(detectDrills >= 1)) throw new Error('BENCH_DETECT_DRILLS must be a positive number');
  const startedAt = Date.now();
  const machine = machineInfo();
  ensureBuild();
  if (selected.length) console.log(`Benchmarking ${selected.map((c) => c.id).join(', ')}: ${durationS} s per run at ${connectionLevels.join(' and ')} connections.`);

  // Prepared (set up, checked, warmed) on first use, per case and server.
  const prepared = new Map();
  async function prepare(benchCase, serverName = benchCase.server) {
    const key = `${benchCase.id}@${serverName}`;
    if (!prepared.has(key)) {
      const target = await server(serverName);
      await setTelemetry(target, telemetryOf(benchCase));
      const request = typeof benchCase.request === 'function' ? await benchCase.request(target) : benchCase.request;
      await checkOnce(target, request);
      await warmUp(target, request, warmupS);
      prepared.set(key, { target, request });
    }
    return prepared.get(key);
  }
  const roundTag = (round) => (rounds > 1 ? `[${round}/${rounds}] ` : '');
  const summary = (rows) => rows.map((row) => `${Math.round(row.reqPerSec)} req/s${row.non2xx + row.errors ? `  (!) status codes ${JSON.stringify(row.statusCodes)}, ${row.errors} errors (${row.timeouts} timeouts)` : ''}`).join(' | ');

  /** A crossover case: one row per state (A, B), each summing the slices either server spent in it. */
  const crossoverWarmed = new Set();
  async function runCrossover(benchCase, round, connections) {
    const { servers, states } = benchCase.crossover;
    const targets = [];
    for (const name of servers) targets.push(await prepare(benchCase, name));
    const run = (pairs) =>
      measureCrossover(
        targets.map(({ target, request }) => ({ server: target, request })),
        {
          connections,
          pairs,
          sliceS: crossoverSliceS,
          // In slice i, server s is in state (i + s) % 2: server 0 in A in even slices.
          assign: (i) => Promise.all(targets.map(({ target }, s) => setTelemetry(target, states[(i + s) % 2]))),
        },
      );
    // One unmeasured pair first, loaded together in both states: the first slices after a
    // single server's warm-up still ran several per cent apart in an A/A run.
    if (!crossoverWarmed.has(benchCase.id)) {
      crossoverWarmed.add(benchCase.id);
      await run(1);
    }
    for (const { target } of targets) await settle(target);
    process.stdout.write(`  ${roundTag(round)}${benchCase.title} @ ${connections} ... `);
    const slices = await run(crossoverPairs);
    const rows = ['a', 'b'].map((state, k) => ({
      id: `${benchCase.id}-${state}`,
      title: `${benchCase.title}, ${state.toUpperCase()}: telemetry ${states[k] ? 'on' : 'off'}`,
      server: servers.join('+'),
      round,
      ...combineSlices(slices.map((pair, i) => pair[(i + k) % 2])),
    }));
    rows[0].crossoverOf = benchCase.id;
    rows[0].crossoverSlices = slices.map((pair) => pair.map(({ reqPerSec, serverCpuMsPerReq }) => ({ reqPerSec, serverCpuMsPerReq })));
    console.log(summary(rows));
    return rows;
  }

  // Rounds, then connection levels outermost, so compared cases (cached vs uncached menu) run
  // close in time.
  const runs = [];
  for (let round = 1; round <= rounds; round++) {
    for (const connections of connectionLevels) {
      for (const benchCase of selected) {
        if (pairedAfter(benchCase)) continue; // measured with its partner
        if (benchCase.crossover) {
          runs.push(...(await runCrossover(benchCase, round, connections)));
          continue;
        }
        const group = [benchCase, ...selected.filter((c) => c.pairedWith === benchCase.id)];
        const targets = [];
        for (const c of group) targets.push(await prepare(c));
        await setTelemetry(targets[0].target, telemetryOf(benchCase));
        for (const { target } of targets) await settle(target);
        process.stdout.write(`  ${roundTag(round)}${group.map((c) => c.title).join(' | ')} @ ${connections} ... `);
        const runS = Math.max(durationS, benchCase.minDurationS ?? 0);
        const measured = group.length > 1
          ? await measureInterleaved(
              targets.map(({ target, request }, i) => ({ server: target, request, before: () => setTelemetry(target, telemetryOf(group[i])) })),
              { connections, durationS: runS, sliceS },
            )
          : [await measure(targets[0].target, targets[0].request, { connections, durationS: runS })];
        const rows = measured.map((m, i) => ({ id: group[i].id, title: group[i].title, server: group[i].server, round, ...m }));
        runs.push(...rows);
        console.log(summary(rows));
      }
    }
  }
  const results = medianRows(runs);

  let idle;
  if (idleSelected) {
    console.log(`\nBackground work: CPU per second of a crossover server with no traffic, telemetry on and off, ${idlePairs} pairs of ${idleWindowS} s ...`);
    const twinA = await server('twin-a');
    await settle(twinA);
    idle = await measureIdle(twinA, { pairs: idlePairs, windowS: idleWindowS, setTelemetry: (on) => setTelemetry(twinA, on) });
  }

  let drill;
  if (drillSelected) {
    console.log(`\nIncident drill: the factory takes 32 s per pizza while 20 diners order for ${drillS} s ...`);
    const app = await startServer({ name: 'drill', port: firstPort + 3, logDir, env: { FACTORY_ADMIN_KEY: DRILL_ADMIN_KEY } });
    drill = await orderingDrill(app, { durationS: drillS });
  }

  let detect;
  if (detectSelected) {
    console.log(`\nTime to detect: ${detectDrills} drills, each a factory experiment at 32 s per pizza, with the probe (15 s) and the alert engine (2 s) at their defaults and no customer traffic ...`);
    const app = await startServer({ name: 'detect', port: firstPort + 5, logDir, env: { FACTORY_ADMIN_KEY: DRILL_ADMIN_KEY } });
    detect = await timeToDetect(app, { admin: BENCH_ADMIN, drills: detectDrills });
  }

  const report = {
    date: new Date(startedAt).toISOString(),
    machine,
    config: { durationS, warmupS, rounds, sliceS, connections: connectionLevels, only: only ?? null, ports: Object.fromEntries(Object.entries(SERVERS).map(([n, s]) => [n, firstPort + s.portOffset])) },
    results,
    ratios: ratios(results, runs),
    runs,
    idle,
    drill,
    detect,
    notes: [
      'All servers run `next start` on the production build, each on a fresh temporary DATA_DIR (embedded SQLite), bound to 127.0.0.1.',
      'PUT /api/auth runs at the default PASSWORD_HASH_COST (15: scrypt N=2^15, r=8, ~32 MiB per hash), so its figure is what production pays per login. Its runs last at least 20 s, since at 50 connections a login waits seconds in the hashing queue.',
      'POST /api/order records the order, then calls the embedded factory over HTTP (same process) for an RS256-signed pizza and verifies it against the JWKS.',
      'autocannon runs inside the bench process on the same machine, so it competes with the server for CPU; read the figures as ratios, not absolutes. For the bare node:http baseline the load generator, not the server, is the limit (loadGenCpuPct in the JSON).',
      'Max RSS is the summed VmRSS of the server process tree, sampled every 250 ms during the measured run. One app server serves the menu, franchise, login and order cases, so its RSS includes what earlier runs left on the heap.',
      'CPU ms/req is the server process tree\'s user+system CPU time during the run divided by the requests completed; it is steadier than req/s here.',
      'Other CPU is the share of the whole machine\'s CPU (all cores) used during the run by processes other than the server and the bench itself: other work competing with the measurement. Rows with a high figure are unreliable.',
      'Telemetry\'s cost is measured within one process: the app server runs with TELEMETRY_BENCH_TOGGLE=on, and before each slice of a *-telemetry-off case the bench switches its recording and background jobs off (SIGUSR2, confirmed by responses without X-Request-Id), and on again before each slice of the case with telemetry; after each switch it waits BENCH_TOGGLE_SETTLE_MS (2.5 s), so the transition (the background jobs\' first runs after a pause, which a server whose telemetry stays on never makes) falls outside the slices. Two processes of one build differ by several per cent in speed, more than the cost itself; the *-telemetry-off-process cases (a separate TELEMETRY=off server, measured in the same turns) are the cross-check.',
      'Telemetry on/off cases (menu with menu-telemetry-off and menu-telemetry-off-process, order likewise) are measured together, in turns: slices of BENCH_SLICE_S seconds (default 2), A B B A A B …, for the run\'s duration each, so that other work on the machine, which comes and goes over seconds, weighs on both alike. Their req/s is requests over the summed slice time, CPU per request the summed CPU over the requests, and their latencies the median of the slices\'. The telemetry cost is the median, over every pair of slices measured back to back in all rounds, of that pair\'s ratio; the interval is a 95 % percentile bootstrap of that median (2 000 resamples). menu-telemetry-control measures the menu with telemetry on against itself in the same turns (an A/A test): its figure and interval show the method\'s own noise and bias.',
      'The crossover cases (menu-crossover, order-crossover and the A/A control menu-crossover-control) load two app servers of one build at once, one autocannon each at the stated connections, both pinned to one CPU (BENCH_TWIN_CPUS, default 0) and niced below the load generator: the scheduler gives them the same CPU time, and whatever else runs on that CPU slows both at the same moment. One has telemetry on (A) and the other off (B), switched by SIGUSR2 with the 2.5 s pause after each switch, and they swap after every slice (BENCH_CROSSOVER_SLICE_S, default 5 s; BENCH_CROSSOVER_PAIRS pairs per round, default 4), after one unmeasured pair. Each pair of slices gives the A/B ratio √((a₀/b₁)·(a₁/b₀)), in which the two processes\' own speeds cancel; the cost is the median over all pairs of all rounds, with its 95 % bootstrap interval. Each server gets about half a CPU, so the background jobs, whose cost is per second rather than per request, weigh about twice what they would on a server with a whole CPU. In the switch\'s off state the request context\'s AsyncLocalStorage is disabled too, since an enabled one costs on every promise.',
      'Background work (idle, in the telemetry group): a crossover server (twin-a: niced, pinned like the crossover) with no traffic, its telemetry switched on and off in turns (BENCH_IDLE_PAIRS pairs, default 3, of BENCH_IDLE_S-second windows, default 15 s so that each holds one probe, each after the 2.5 s pause), gives the median CPU per second in each state. The difference is what the background jobs cost per second, whatever the traffic. Set against the CPU each server had per second in the menu crossover, it is the part of the crossover\'s cost that is per second rather than per request.',
      'Latencies are whole milliseconds (autocannon\'s resolution); <1 means under one millisecond.',
      'Time to detect: on its own server (probe every 15 s, alert evaluation every 2 s, no customer traffic), each drill starts a factory experiment with processingDelayMs 32000 and polls GET /api/alerts until an enabled critical rule has a new firing transition; detect time is that transition\'s `at` minus the configuration version\'s `createdAt`. Then the experiment ends and the next drill waits until no critical rule is firing or pending. Before the drills, keep-firing periods are shortened, the latency rule\'s window is cut to 10 s and the burn-rate rule is turned off (PUT /api/alerts/:id), so that each drill ends within seconds; none of these edits makes a rule fire sooner.',
      'The drill: an experiment sets the factory\'s processingDelayMs to 32000 (the incident); 20 diners each order, wait 1 s and order again; then the experiment ends and every accepted order must become fulfilled. Customer wait is the time POST /api/order took; lost counts accepted orders that were missing or failed at the end.',
    ],
    wallTimeS: 0,
  };
  report.wallTimeS = Math.round((Date.now() - startedAt) / 1000);
  machine.loadAvgEnd = os.loadavg().map((l) => l.toFixed(2));

  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'latest.md'), markdown(report));

  if (results.length) {
    console.log(`\n${textTable(results)}\n`);
    for (const line of ratioLines(report.ratios)) console.log(line);
  }
  if (idle) console.log(`\n${idleLines(idle, results).join('\n')}`);
  if (drill) console.log(`\n${drillLines(drill).join('\n')}`);
  if (detect) console.log(`\n${detectLines(detect).join('\n')}`);
  const busy = results.filter((r) => r.otherCpuPct > BUSY_PCT);
  if (busy.length) console.log(`\nWarning: other work used over ${BUSY_PCT} % of the machine's CPU during ${busy.length} of ${results.length} runs; figures are noisy.`);
  console.log(`\nNode ${machine.node}, ${machine.cpus} CPUs, load ${machine.loadAvg.join(' / ')} at start, ${machine.loadAvgEnd.join(' / ')} at end; ${report.wallTimeS} s in all.`);
  console.log('Login figures use the default PASSWORD_HASH_COST (15). Results: bench/results/latest.{json,md}');
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping the servers.`);
    await stopAll();
    process.exit(130);
  });
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  console.error(`\nbench failed: ${error instanceof Error ? error.message : error}`);
} finally {
  await stopAll();
}
