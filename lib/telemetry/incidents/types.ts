/**
 * What the incident API and pages show. The API (GET /api/incidents, /:id) returns these
 * shapes as JSON; the admin pages render them. Times are ISO strings; durations are ms.
 */

export type IncidentStatus = 'open' | 'resolved';

export type TimelineEntryType =
  | 'first_bad_measurement'
  | 'alert_firing'
  | 'alert_resolved'
  | 'acknowledged'
  | 'config_change'
  | 'rollback'
  | 'smoke_test'
  | 'mitigated'
  | 'resolved'
  | 'notification';

export interface TimelineEntry {
  at: string;
  type: TimelineEntryType;
  /** One line a person reads, e.g. "Factory latency critical fired (32 004 ms)". */
  title: string;
  /** Optional link inside the app, e.g. the factory change in /admin/factory. */
  href?: string;
  /** For config changes: the diff. */
  diff?: { path: string; from: unknown; to: unknown }[];
}

export interface LikelyCause {
  changeId: number;
  version: number;
  type: string;
  kind: string;
  author: string;
  reason: string;
  appliedAt: string;
  diff: { path: string; from: unknown; to: unknown }[];
  /** ms from the change applying to the first bad measurement. */
  leadMs: number;
  href: string;
}

export interface IncidentImpact {
  /** Orders placed in the incident window that waited longer than the SLO or failed. */
  ordersAffected: number;
  /** Distinct diners among those orders. */
  customersAffected: number;
  /** customersAffected over the distinct diners who ordered in the window (0 when none ordered). */
  customerShare: number;
  /** The longest a customer waited for a pizza in the window, in ms, or null without orders. */
  worstWaitMs: number | null;
}

export interface IncidentSummary {
  id: number;
  status: IncidentStatus;
  title: string;
  severity: 'critical' | 'warning' | 'info';
  firstBadAt: string;
  detectedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  /** detectedAt − firstBadAt. */
  timeToDetectMs: number;
  /** acknowledgedAt − detectedAt, or null. */
  timeToAcknowledgeMs: number | null;
  /** mitigatedAt − firstBadAt, or null. */
  timeToMitigateMs: number | null;
  configVersion: number | null;
  ruleIds: string[];
  likelyCause: LikelyCause | null;
}

export interface IncidentDetail extends IncidentSummary {
  impact: IncidentImpact;
  /** Oldest first. */
  timeline: TimelineEntry[];
}
