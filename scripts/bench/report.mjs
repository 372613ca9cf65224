// Formatting the results: a plain-text table for stdout, Markdown and JSON for bench/results/.
const fmt = {
  int: (n) => (n == null ? '–' : Math.round(n).toLocaleString('en-US')),
  // Latencies come in whole milliseconds; 0 means under one.
  ms: (n) => (n == null ? '–' : n === 0 ? '<1' : Math.round(n).toLocaleString('en-US')),
  cpu: (n) => (n == null ? '–' : n.toFixed(n < 10 ? 2 : 1)),
  pct: (n) => (n == null ? '–' : n < 1 ? `${n.toFixed(2)} %` : `${n.toFixed(1)} %`),
  ratio: (n) => (n == null ? '–' : `${n.toFixed(2)}×`),
  signedPct: (n) => (n == null ? '–' : `${n.toFixed(1)} %`),
  interval: (i) => (i ? ` [${i.low.toFixed(1)}, ${i.high.toFixed(1)}]` : ''),
};

const COLUMNS = [
  ['Case', (r) => r.title, 'left'],
  ['Conns', (r) => String(r.connections)],
  ['Req/s', (r) => fmt.int(r.reqPerSec)],
  ['p50 ms', (r) => fmt.ms(r.latencyP50Ms)],
  ['p99 ms', (r) => fmt.ms(r.latencyP99Ms)],
  ['Requests', (r) => fmt.int(r.requests)],
  ['Non-2xx', (r) => fmt.int(r.non2xx)],
  ['Errors', (r) => fmt.int(r.errors)],
  ['CPU ms/req', (r) => fmt.cpu(r.serverCpuMsPerReq)],
  ['Max RSS MB', (r) => String(r.maxRssMB)],
  ['Other CPU', (r) => fmt.pct(r.otherCpuPct)],
  ['% of bare', (r) => fmt.pct(r.pctOfBaseline)],
];

const cells = (rows) => rows.map((r) => COLUMNS.map(([, get]) => get(r)));

export function textTable(rows) {
  const body = cells(rows);
  const widths = COLUMNS.map(([head], i) => Math.max(head.length, ...body.map((row) => row[i].length)));
  const line = (values) =>
    values.map((v, i) => (COLUMNS[i][2] === 'left' ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [line(COLUMNS.map(([head]) => head)), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(rows) {
  const head = `| ${COLUMNS.map(([h]) => h).join(' | ')} |`;
  const rule = `|${COLUMNS.map(([, , align]) => (align === 'left' ? ':---' : '---:')).join('|')}|`;
  return [head, rule, ...cells(rows).map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function ratioLines(ratios) {
  const lines = [];
  for (const [conns, r] of Object.entries(ratios.menuCacheGain)) {
    lines.push(`Menu cache gain at ${conns} connections: ${fmt.ratio(r)} cached/uncached req/s (target ≥ 2×: ${r >= 2 ? 'met' : 'NOT met'})`);
  }
  for (const [conns, r] of Object.entries(ratios.menuCacheCpuGain)) {
    lines.push(`Menu cache gain at ${conns} connections in server CPU per request: ${fmt.ratio(r)} (uncached/cached)`);
  }
  const against = {
    sameProcess: 'switched off in the same process',
    againstOtherProcess: 'against a separate TELEMETRY=off process, cross-check',
    control: 'against itself (A/A control: the method\'s noise; ideally 0)',
    crossover: 'crossover of two servers loaded at once',
    crossoverControl: 'crossover A/A control (ideally 0)',
  };
  // The target is judged on throughput, by the two methods that compare one build's states.
  const judged = new Set(['sameProcess', 'crossover']);
  for (const [route, byBaseline] of Object.entries(ratios.telemetryCost ?? {})) {
    for (const [baseline, byConns] of Object.entries(byBaseline)) {
      for (const [conns, cost] of Object.entries(byConns)) {
        const verdict = judged.has(baseline) ? ` (target < 5 %: ${cost.throughputLossPct < 5 ? 'met' : 'NOT met'})` : '';
        lines.push(
          `Telemetry cost on ${route} at ${conns} connections, ${against[baseline]} (median of ${cost.slicePairs} paired slices in ${cost.rounds} round(s), 95 % interval in brackets): ${fmt.signedPct(cost.throughputLossPct)}${fmt.interval(cost.throughputLossInterval)} less throughput; ${fmt.signedPct(cost.perCpuThroughputLossPct)}${fmt.interval(cost.perCpuThroughputLossInterval)} fewer requests per CPU-second (${fmt.signedPct(cost.cpuPerReqGainPct)} more CPU per request)${verdict}`,
        );
      }
    }
  }
  return lines;
}

export function drillLines(drill) {
  const ms = (v) => `${Math.round(v)} ms`;
  return [
    `Drill (factory at ${drill.factoryDelayMs} ms, ${drill.diners} diners, ${drill.durationS} s): ${drill.requests} orders placed, ${drill.accepted} accepted (status codes ${JSON.stringify(drill.statuses)}).`,
    `Customer wait: p50 ${ms(drill.waitMs.p50)}, p99 ${ms(drill.waitMs.p99)}, max ${ms(drill.waitMs.max)} (the incident: 32000 ms).`,
    `After recovery: ${drill.fulfilledAfterRecovery} fulfilled within ${drill.recoveryS} s, ${drill.stillPending} still pending, ${drill.lost} lost.`,
  ];
}

export function idleLines(idle, results) {
  const ms = (v) => `${v.toFixed(1)} ms`;
  const lines = [
    `Background work with no traffic (median of ${idle.pairs} windows of ${idle.windowS} s per state): ${ms(idle.onMsPerS)} CPU per second with telemetry on, ${ms(idle.offMsPerS)} off; the telemetry jobs cost ${ms(idle.jobsMsPerS)} per second.`,
  ];
  for (const off of results.filter((r) => r.id === 'menu-crossover-b')) {
    const cpuMsPerS = off.reqPerSec * off.serverCpuMsPerReq;
    lines.push(
      `In the menu crossover at ${off.connections} connections each server had ${Math.round(cpuMsPerS)} ms CPU per second: the jobs are ${fmt.pct((100 * idle.jobsMsPerS) / cpuMsPerS)} of it, the part of the crossover's cost that is per second, not per request (${fmt.pct(idle.jobsMsPerS / 10)} of a whole CPU).`,
    );
  }
  return lines;
}

export function detectLines(detect) {
  const ms = (v) => `${Math.round(v).toLocaleString('en-US')} ms`;
  const rules = [...new Set(detect.runs.map((r) => r.rule))].join(', ');
  return [
    `Time to detect over ${detect.drills} drills (factory at ${detect.factoryDelayMs} ms, probe alone, from the moment the configuration applied): median ${ms(detect.medianMs)}, max ${ms(detect.maxMs)}, min ${ms(detect.minMs)}; fired first: ${rules}.`,
    `The incident took ${ms(detect.incidentMs)}: the median is ${fmt.ratio(detect.medianVsIncident)} faster, the max ${fmt.ratio(detect.maxVsIncident)} faster (issue 6 target: under 5 000 ms: ${detect.maxMs < 5_000 ? 'met' : 'NOT met'} by the max).`,
    `Each drill: ${detect.runs.map((r) => `${ms(r.detectMs)} (${r.rule})`).join(', ')}.`,
  ];
}

export function markdown(report) {
  const m = report.machine;
  return [
    '# JWT Pizza benchmark',
    '',
    `- Date: ${report.date}`,
    `- Machine: ${m.cpus} × ${m.cpuModel}, ${m.totalMemGB} GB RAM, load average ${m.loadAvg.join(' / ')} at start, ${m.loadAvgEnd.join(' / ')} at end`,
    `- Node ${m.node}, Next ${m.next}, autocannon ${m.autocannon}, ${m.platform}`,
    `- ${report.config.durationS} s per measured run, connections ${report.config.connections.join(' and ')}, ${report.config.rounds} round(s) (median shown); wall time ${report.wallTimeS} s`,
    '',
    markdownTable(report.results),
    '',
    ...ratioLines(report.ratios).map((l) => `- ${l}`),
    '',
    ...(report.idle ? ['## Background work', '', ...idleLines(report.idle, report.results).map((l) => `- ${l}`), ''] : []),
    ...(report.drill ? ['## Incident drill', '', ...drillLines(report.drill).map((l) => `- ${l}`), ''] : []),
    ...(report.detect ? ['## Time to detect', '', ...detectLines(report.detect).map((l) => `- ${l}`), ''] : []),
    '## Notes',
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
