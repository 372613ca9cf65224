import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { RESOLUTIONS, type Resolution } from './aggregate';
import { FACTORY_HEADLINE } from './dashboard';
import type { IncidentDetail } from './incidents/types';
import { inFlightPoints, latencyPoints } from './query';
import type { InFlightPoints, LatencyPoints } from './view';

/** The factory latency behind an incident's timeline: its window, with a margin either side. */

export interface IncidentChart {
  from: number;
  to: number;
  resolution: Resolution;
  factory: LatencyPoints;
  inFlight: InFlightPoints;
}

const MARGIN_MS = 60_000;
/** Enough buckets to see the shape; fewer keeps the page fast for a long incident. */
const MAX_BUCKETS = 720;

export async function incidentChart(incident: IncidentDetail, db: Db = appDb, now = Date.now()): Promise<IncidentChart> {
  const starts = [incident.firstBadAt, incident.likelyCause?.appliedAt, incident.timeline[0]?.at].flatMap((t) => (t ? [Date.parse(t)] : []));
  const from = Math.min(...starts) - MARGIN_MS;
  const to = Math.min(now, (incident.resolvedAt ? Date.parse(incident.resolvedAt) : now) + MARGIN_MS);
  const { retentionMs } = env().telemetry;
  // The finest resolution still kept for the window's start that draws it in few enough buckets.
  const resolution = RESOLUTIONS.find((r) => now - from <= retentionMs[r] && (to - from) / (r * 1000) <= MAX_BUCKETS) ?? 3600;
  const window = { resolution, from, to };
  const [factory, inFlight] = await Promise.all([latencyPoints(db, window, FACTORY_HEADLINE), inFlightPoints(db, window)]);
  return { from, to, resolution, factory, inFlight };
}
