// Process helpers: the tree under a pid, its resident memory, and ending it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** /proc/<pid>/stat fields from field 3 (state) on; the command name before may hold spaces. */
function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function parentOf(pid) {
  const fields = statFields(pid);
  return fields && Number(fields[1]);
}

/** The pid and all its descendants. */
export function processTree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(name);
    if (ppid === undefined) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const tree = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Summed VmRSS of the process tree, in bytes (0 once it has exited). */
export function treeRss(root) {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) kb += Number(match[1]);
    } catch {
      // Exited meanwhile.
    }
  }
  return kb * 1024;
}

/** CPU time (user + system) used so far by the process tree, in ms. */
export function treeCpuMs(root) {
  let ticks = 0;
  for (const pid of processTree(root)) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Machine-wide CPU time so far, in ms: busy (not idle or iowait) and total, summed over CPUs. */
export function machineCpuMs() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: (busy * 1000) / TICKS_PER_SECOND, total: ((busy + idle + iowait) * 1000) / TICKS_PER_SECOND };
}

function signalTree(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** SIGTERM to a child and its descendants, SIGKILL after a grace period. */
export async function endTree(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const pids = processTree(child.pid);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalTree(pids, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') signalTree(pids, 'SIGKILL');
}

/** Synchronous last resort, for process 'exit'. */
export function killTreeNow(child) {
  if (child.exitCode === null && child.signalCode === null) signalTree(processTree(child.pid), 'SIGKILL');
}
