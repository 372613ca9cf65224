import { incidentHref } from '../incidents/links';
import type { IncidentSummary } from '../incidents/types';

/**
 * The webhook bodies (documented in README and /api/docs). Pure.
 * - generic: `{version: 1, event, sentAt, incident: {…IncidentSummary, url}, alerts: [...]}`;
 * - slack: a Slack incoming-webhook message, `{text, blocks}`.
 */

export type NotificationKind = 'firing' | 'resolved';
export type WebhookFormat = 'generic' | 'slack';

export interface AlertInBody {
  id: string;
  name: string;
  severity: string;
  state: string;
  since: string | null;
  value: number | null;
}

export interface GenericBody {
  version: 1;
  event: `incident.${NotificationKind}`;
  sentAt: string;
  incident: IncidentSummary & { url: string };
  alerts: AlertInBody[];
}

export interface NotificationInput {
  kind: NotificationKind;
  incident: IncidentSummary;
  alerts: AlertInBody[];
  /** Absolute address of the incident's page. */
  url: string;
  /** Absolute base for links inside the app (the likely cause's). */
  baseUrl: string;
  sentAt: Date;
}

export function genericBody(n: NotificationInput): GenericBody {
  return { version: 1, event: `incident.${n.kind}`, sentAt: n.sentAt.toISOString(), incident: { ...n.incident, url: n.url }, alerts: n.alerts };
}

const seconds = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1_000).toFixed(1)} s`);
/** Slack mrkdwn needs &, < and > escaped in text. */
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackBody(n: NotificationInput): { text: string; blocks: unknown[] } {
  const i = n.incident;
  const headline = n.kind === 'firing' ? `:rotating_light: Incident ${i.id} firing: ${i.title}` : `:white_check_mark: Incident ${i.id} resolved: ${i.title}`;
  const facts = [
    `*First bad measurement:* ${i.firstBadAt}`,
    `*Detected:* ${i.detectedAt} (time to detect ${seconds(i.timeToDetectMs)})`,
    ...(i.mitigatedAt ? [`*Mitigated:* ${i.mitigatedAt} (time to mitigate ${seconds(i.timeToMitigateMs)})`] : []),
    ...(i.resolvedAt ? [`*Resolved:* ${i.resolvedAt}`] : []),
  ];
  const cause = i.likelyCause;
  if (cause) {
    const diff = cause.diff.map((d) => `${d.path} ${JSON.stringify(d.from)} → ${JSON.stringify(d.to)}`).join(', ');
    facts.push(`*Likely cause:* <${n.baseUrl}${cause.href}|factory configuration v${cause.version}> (${esc(cause.kind)} by ${esc(cause.author)}): ${esc(diff)}`);
  }
  return {
    text: esc(headline),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: facts.join('\n') } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Alerts: ${esc(n.alerts.map((a) => `${a.name} (${a.state})`).join(', ') || 'none')}` }] },
      { type: 'section', text: { type: 'mrkdwn', text: `<${n.url}|Open incident ${i.id}>` } },
    ],
  };
}

export const notificationBody = (format: WebhookFormat, n: NotificationInput) => (format === 'slack' ? slackBody(n) : genericBody(n));

/** Both bodies for an example firing incident (GET /api/docs). */
export function webhookExamples(incident: IncidentSummary, baseUrl = 'https://pizza.example') {
  const input: NotificationInput = {
    kind: 'firing',
    incident,
    alerts: [{ id: 'factory-smoke-test', name: 'Smoke test after a factory change failed', severity: 'critical', state: 'firing', since: incident.detectedAt, value: 1000 }],
    url: `${baseUrl}${incidentHref(incident.id)}`,
    baseUrl,
    sentAt: new Date(incident.detectedAt),
  };
  return { generic: genericBody(input), slack: slackBody(input) };
}
