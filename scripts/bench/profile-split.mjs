// Splits the app server's CPU profile from a bench run (BENCH_CPU_PROFILE) at the moments the
// bench switched its telemetry, and compares the two states per request: where telemetry's
// cost goes, measured within one process. Run after e.g.
//   BENCH_CPU_PROFILE=/tmp/prof BENCH_ONLY=menu,menu-telemetry-off BENCH_CONNECTIONS=10 BENCH_SLICE_S=10 BENCH_DURATION=40 npm run bench
// as: node scripts/bench/profile-split.mjs /tmp/prof/app [on-case off-case] (default: menu menu-telemetry-off)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from './servers.mjs';

const [dir, onId = 'menu', offId = 'menu-telemetry-off'] = process.argv.slice(2);
if (!dir) throw new Error('usage: node scripts/bench/profile-split.mjs <profile dir> [on-case off-case]');
const file = statSync(dir).isDirectory() ? path.join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))) : dir;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const resultsDir = path.join(root, 'bench', 'results');
const switches = readFileSync(path.join(resultsDir, 'logs', 'app.log'), 'utf8')
  .split('\n')
  .filter((line) => line.includes('"telemetry switched by the bench"'))
  .map((line) => JSON.parse(line))
  .map((entry) => ({ on: entry.enabled, at: entry.monotonicUs }));
const { runs } = JSON.parse(readFileSync(path.join(resultsDir, 'latest.json'), 'utf8'));
const requestsOf = (id) => runs.filter((r) => r.id === id).reduce((n, r) => n + r.requests, 0);
const requests = { true: requestsOf(onId), false: requestsOf(offId) };
if (switches.length < 2 || !requests.true || !requests.false) throw new Error('no telemetry switches or no runs of those cases in bench/results');

// Measured slices begin after the first switch back on (the warm-ups come before it).
const firstMeasured = switches.find((s, i) => i > 0 && s.on)?.at ?? switches[0].at;
function stateAt(t) {
  if (t < firstMeasured) return null;
  let on = null;
  for (const s of switches) if (s.at <= t) on = s.on;
  return on;
}

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
const nameOf = ({ functionName, url, lineNumber }) => `${functionName || '(anonymous)'} ${url.replace(/.*\//, '')}:${lineNumber + 1}`;
const self = { true: new Map(), false: new Map() };
const inclusive = { true: new Map(), false: new Map() };
const busy = { true: 0, false: 0 };
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);

let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const state = stateAt(t);
  const frame = nodes.get(profile.samples[i]).callFrame;
  if (state === null || frame.functionName === '(idle)') continue;
  const us = profile.timeDeltas[i + 1] ?? 0;
  busy[state] += us;
  add(self[state], nameOf(frame), us);
  const seen = new Set();
  for (let id = profile.samples[i]; id !== undefined; id = parents.get(id)) {
    const name = nameOf(nodes.get(id).callFrame);
    if (!seen.has(name)) add(inclusive[state], name, us);
    seen.add(name);
  }
}

const perRequest = (state, us) => us / requests[state];
console.log(`${onId}: ${requests.true} requests, ${perRequest(true, busy.true).toFixed(1)} µs CPU each; ${offId}: ${requests.false} requests, ${perRequest(false, busy.false).toFixed(1)} µs each (${(100 * (perRequest(true, busy.true) / perRequest(false, busy.false) - 1)).toFixed(1)} %)`);
for (const [title, maps] of [['self time', self], ['inclusive time', inclusive]]) {
  console.log(`\nLargest differences in ${title}, µs per request: on − off, on, off`);
  const names = new Set([...maps.true.keys(), ...maps.false.keys()]);
  const rows = [...names].map((name) => {
    const on = perRequest(true, maps.true.get(name) ?? 0);
    const off = perRequest(false, maps.false.get(name) ?? 0);
    return { name, on, off, diff: on - off };
  });
  for (const r of rows.sort((a, b) => b.diff - a.diff).slice(0, 25)) {
    console.log(`${r.diff.toFixed(2).padStart(8)} ${r.on.toFixed(2).padStart(8)} ${r.off.toFixed(2).padStart(8)}  ${r.name.slice(0, 110)}`);
  }
}
