import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { openIncidentSummary } from '../incidents';
import type { IncidentSummary } from '../incidents/types';
import type { RuleKind } from './rules';
import { alertsView } from './view';

/**
 * What the admin banner shows: the critical and warning rules firing now, and the open
 * incident. Informational rules (a configuration change) never raise the banner.
 */

export interface FiringAlert {
  id: string;
  name: string;
  severity: 'critical' | 'warning';
  kind: RuleKind;
  since: string | null;
  value: number | null;
}

export interface AdminAlertStatus {
  /** The worst severity among the firing rules and the open incident; null when all is well. */
  level: 'critical' | 'warning' | null;
  /** Critical first, then the longest firing. */
  firing: FiringAlert[];
  incident: Pick<IncidentSummary, 'id' | 'title' | 'severity' | 'detectedAt' | 'acknowledgedAt' | 'acknowledgedBy'> | null;
  generatedAt: string;
}

const RANK = { critical: 0, warning: 1 } as const;

export async function adminAlertStatus(db: Db = appDb, now = Date.now()): Promise<AdminAlertStatus> {
  const [alerts, open] = await Promise.all([alertsView(db, 0), openIncidentSummary(db)]);
  const firing = alerts
    .flatMap((a): FiringAlert[] =>
      a.enabled && a.state === 'firing' && a.severity !== 'info' ? [{ id: a.id, name: a.name, severity: a.severity, kind: a.kind, since: a.since, value: a.value }] : [],
    )
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.since ?? '').localeCompare(b.since ?? ''));
  const incident = open
    ? { id: open.id, title: open.title, severity: open.severity, detectedAt: open.detectedAt, acknowledgedAt: open.acknowledgedAt, acknowledgedBy: open.acknowledgedBy }
    : null;
  const severities = [...firing.map((f) => f.severity), ...(incident ? [incident.severity] : [])];
  const level = severities.includes('critical') ? 'critical' : severities.length ? 'warning' : null;
  return { level, firing, incident, generatedAt: new Date(now).toISOString() };
}
