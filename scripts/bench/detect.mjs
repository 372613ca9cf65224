// Time to detect (issue 6): on a server with the probe and the alert engine at their defaults
// and no customer traffic, a factory experiment makes every pizza take 32 s; how long after the
// change applied does a critical alert fire? Repeated, and compared with the incident's 180 s.
import { DRILL_ADMIN_KEY } from './drill.mjs';

export const INCIDENT_DETECTION_MS = 180_000;
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rule edits made through PUT /api/alerts/:id before the drills, so that one drill's alert has
 * ended before the next starts. None of them changes how fast a rule fires.
 * - keep-firing periods of a second or none (the defaults hold an alert for minutes);
 * - the latency rule's window down to 10 s: a 32 s call that ends after the experiment keeps
 *   it firing for the window (detection uses in-flight ages, which need no window);
 * - the burn-rate rule off: its 5 min short window would hold it firing for 5 minutes after each drill.
 */
export const DETECT_RULE_EDITS = {
  'factory-latency-critical': { keepFiringForMs: 1_000, windowMs: 10_000 },
  'factory-smoke-test': { keepFiringForMs: 0 },
  'factory-slo-burn-rate': { enabled: false },
};

async function call(url, { method = 'GET', token, body } = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...JSON_HEADERS, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function until(what, read, done, timeoutMs, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`time to detect: gave up waiting for ${what} after ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs `drills` drills against `app` (started with FACTORY_ADMIN_KEY = DRILL_ADMIN_KEY), signed
 * in as `admin` ({email, password}). Detect time = the first new `firing` transition of an enabled critical
 * rule (its `at`, as the engine recorded it) − the configuration version's `createdAt`.
 */
export async function timeToDetect(app, { admin, drills = 10, factoryDelayMs = 32_000 }) {
  const { token } = await call(`${app.url}/api/auth`, { method: 'PUT', body: admin });
  for (const [id, edit] of Object.entries(DETECT_RULE_EDITS)) await call(`${app.url}/api/alerts/${id}`, { method: 'PUT', token, body: edit });
  const factory = (method, path, body) => call(`${app.url}/factory/api${path}`, { method, token: DRILL_ADMIN_KEY, body });
  const alerts = async () => (await call(`${app.url}/api/alerts?history=20`, { token })).alerts;
  const critical = (list) => list.filter((a) => a.enabled && a.severity === 'critical');
  const quiet = (list) => critical(list).every((a) => a.evaluatedAt !== null && a.state !== 'firing' && a.state !== 'pending');
  const firings = (list) => new Set(critical(list).flatMap((a) => a.history.filter((h) => h.to === 'firing').map((h) => `${a.id}@${h.at}`)));

  // The engine has evaluated and all is quiet (a cold start can time out the first probes).
  await until('the alert engine to be quiet', alerts, quiet, 120_000, 500);
  const runs = [];
  for (let drill = 1; drill <= drills; drill++) {
    const before = firings(await alerts());
    const change = await factory('PUT', '/config', {
      changes: { processingDelayMs: factoryDelayMs },
      reason: `bench: time-to-detect drill ${drill}`,
      experiment: { expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() },
    });
    const appliedAt = Date.parse(change.createdAt);
    const list = await until('a critical alert to fire', alerts, (l) => [...firings(l)].some((f) => !before.has(f)), 60_000);
    const fired = critical(list)
      .flatMap((a) => a.history.filter((h) => h.to === 'firing' && !before.has(`${a.id}@${h.at}`)).map((h) => ({ rule: a.id, at: Date.parse(h.at) })))
      .sort((a, b) => a.at - b.at)[0];
    runs.push({ drill, version: change.version, rule: fired.rule, detectMs: fired.at - appliedAt });
    process.stdout.write(`  drill ${drill}/${drills}: ${fired.rule} fired ${fired.at - appliedAt} ms after v${change.version} applied\n`);
    await factory('POST', '/config/experiment/end', { reason: `bench: time-to-detect drill ${drill} over` });
    await until('the critical alerts to end', alerts, quiet, 180_000, 500);
  }
  const detect = runs.map((r) => r.detectMs);
  const medianMs = median(detect);
  const maxMs = Math.max(...detect);
  return {
    drills,
    factoryDelayMs,
    ruleEdits: DETECT_RULE_EDITS,
    runs,
    medianMs,
    maxMs,
    minMs: Math.min(...detect),
    incidentMs: INCIDENT_DETECTION_MS,
    medianVsIncident: INCIDENT_DETECTION_MS / medianMs,
    maxVsIncident: INCIDENT_DETECTION_MS / maxMs,
  };
}
