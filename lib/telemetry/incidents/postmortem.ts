import type { IncidentDetail, TimelineEntry } from './types';

/**
 * The postmortem draft, in the sections of ../shared/incident-2024-11-22.md. Facts come from
 * the incident record; the judgement sections are left as marked prompts (`_To fill in: …_`).
 * Pure: the caller reads the detail.
 */

/** A duration for people: 850 ms, 4.2 s, 3 min 05 s, 1 h 02 min. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs < 1_000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1_000).toFixed(1)} s`;
  const s = Math.round(abs / 1_000);
  if (s < 3_600) return `${sign}${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${sign}${Math.floor(s / 3_600)} h ${String(Math.floor((s % 3_600) / 60)).padStart(2, '0')} min`;
}

const prompt = (text: string) => `_To fill in: ${text}_`;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const relative = (at: string, origin: string) => {
  const ms = Date.parse(at) - Date.parse(origin);
  return ms < 0 ? `T−${formatDuration(-ms)}` : `T+${formatDuration(ms)}`;
};
const when = (at: string, origin: string) => `${at} (${relative(at, origin)})`;
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function diffTable(diff: { path: string; from: unknown; to: unknown }[]): string[] {
  if (!diff.length) return ['(no field changed)'];
  return ['| Field | From | To |', '|---|---|---|', ...diff.map((d) => `| ${cell(d.path)} | ${cell(JSON.stringify(d.from))} | ${cell(JSON.stringify(d.to))} |`)];
}

const ofType = (timeline: TimelineEntry[], ...types: TimelineEntry['type'][]) => timeline.filter((e) => types.includes(e.type));

export function renderPostmortem(i: IncidentDetail, generatedAt: Date): string {
  const t0 = i.firstBadAt;
  const cause = i.likelyCause;
  const end = i.mitigatedAt ?? i.resolvedAt;
  const impact = i.impact;
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);

  add(`# Incident ${i.id}: ${i.title}`, '');
  add(`_Draft generated from the incident record at ${generatedAt.toISOString()}. Facts are filled in; the sections marked “To fill in” need a person._`, '');

  add('## Summary', '');
  add(
    `On ${t0.slice(0, 10)} at ${t0.slice(11, 19)} UTC, the first bad factory measurement was recorded. ` +
      `The critical alert fired at ${i.detectedAt} (time to detect: ${formatDuration(i.timeToDetectMs)}). ` +
      (cause ? `The likely cause is factory configuration v${cause.version} (${cause.kind}) by ${cause.author}, applied ${formatDuration(cause.leadMs)} before the first bad measurement. ` : 'No factory configuration change was found shortly before it. ') +
      (i.mitigatedAt ? `It was mitigated at ${i.mitigatedAt} (time to mitigate: ${formatDuration(i.timeToMitigateMs ?? 0)}) ` : 'It has not been mitigated yet ') +
      (i.resolvedAt ? `and resolved at ${i.resolvedAt}.` : 'and is still open.'),
    '',
    `${impact.ordersAffected} order(s) from ${impact.customersAffected} customer(s) were affected (${percent(impact.customerShare)} of the customers who ordered in the window).`,
    '',
    prompt('the severity you give it, and what customers saw.'),
    '',
  );

  add('## Detection', '');
  add(
    `- First bad measurement: ${when(t0, t0)}`,
    `- Alert fired: ${when(i.detectedAt, t0)}; time to detect **${formatDuration(i.timeToDetectMs)}**`,
    i.acknowledgedAt
      ? `- Acknowledged: ${when(i.acknowledgedAt, t0)} by ${i.acknowledgedBy}; time to acknowledge **${formatDuration(i.timeToAcknowledgeMs ?? 0)}**`
      : '- Acknowledged: not acknowledged',
    `- Alerts: ${i.ruleIds.join(', ')}`,
    ...ofType(i.timeline, 'alert_firing', 'notification').map((e) => `- ${e.at}: ${e.title}`),
    '',
    prompt('how the on-call engineer learned of it, and whether the alerting worked as intended.'),
    '',
  );

  add('## Impact', '');
  add(
    `- Window: ${t0} to ${end ?? 'now (still open)'}${end ? ` (${formatDuration(Date.parse(end) - Date.parse(t0))})` : ''}`,
    `- Orders affected (waited longer than the SLO target or failed): ${impact.ordersAffected}`,
    `- Customers affected: ${impact.customersAffected} (${percent(impact.customerShare)} of the customers who ordered in the window)`,
    `- Worst customer wait: ${impact.worstWaitMs === null ? 'no orders in the window' : formatDuration(impact.worstWaitMs)}`,
    '',
    prompt('other parts of the service affected or not, support tickets, social media.'),
    '',
  );

  add('## Timeline', '', 'All times are UTC; T is the first bad measurement.', '', '| Time (UTC) | Relative | Event |', '|---|---|---|');
  for (const e of i.timeline) add(`| ${e.at} | ${relative(e.at, t0)} | ${cell(e.title)} |`);
  add('');

  add('## Response', '');
  add(
    i.acknowledgedAt ? `- ${i.acknowledgedBy} acknowledged at ${when(i.acknowledgedAt, t0)}.` : '- Nobody acknowledged the incident.',
    ...ofType(i.timeline, 'rollback', 'smoke_test').map((e) => `- ${e.at}: ${e.title}`),
    i.mitigatedAt ? `- Time to mitigate: ${formatDuration(i.timeToMitigateMs ?? 0)}.` : '- Not mitigated yet.',
    '',
    prompt('who responded, what they did, and what slowed the response down.'),
    '',
  );

  add('## Root cause', '');
  if (cause) {
    add(
      `Likely cause (from the record): factory configuration **v${cause.version}** (${cause.kind}, ${cause.type}) by ${cause.author} at ${cause.appliedAt}, ${formatDuration(cause.leadMs)} before the first bad measurement, with the reason “${cause.reason}”. It was the configuration in force (v${i.configVersion ?? cause.version}).`,
      '',
      ...diffTable(cause.diff),
      '',
    );
  } else {
    add(`No factory configuration change was applied shortly before the first bad measurement. Configuration in force: ${i.configVersion === null ? 'unknown' : `v${i.configVersion}`}.`, '');
  }
  add(prompt('confirm the cause and explain why it had this effect.'), '');

  add('## Resolution', '');
  add(
    ...ofType(i.timeline, 'mitigated', 'resolved').map((e) => `- ${when(e.at, t0)}: ${e.title}`),
    ...(i.resolvedAt ? [] : ['- Still open.']),
    '',
    prompt('the actions that led to recovery and how recovery was confirmed.'),
    '',
  );

  add('## Prevention', '', prompt('what would stop this from happening again.'), '');

  add('## Action items', '', prompt('each item with Responsible, Deadline and Tracking, for example:'), '');
  add('1. **_Action_**:', '   - Responsible: _who_', '   - Deadline: _date_', '   - Tracking: _where_', '');
  return lines.join('\n');
}

/** The attachment's file name. */
export const postmortemFileName = (i: Pick<IncidentDetail, 'id' | 'firstBadAt'>) => `incident-${i.id}-${i.firstBadAt.slice(0, 10)}-postmortem.md`;
