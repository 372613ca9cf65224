import 'server-only';
import { db as appDb, type Db } from '@/lib/db';
import { recordAcknowledgement } from './lifecycle';
import { renderPostmortem, postmortemFileName } from './postmortem';
import { incidentDetail, incidentSummary, listIncidents, openIncidentSummary } from './read';
import type { IncidentSummary } from './types';

/** What the API and the admin pages call. Unknown ids throw AppError not_found. */

export { incidentDetail, listIncidents, openIncidentSummary };
export { incidentHref } from './read';
export type * from './types';

/** Acknowledges an incident (idempotent: the first acknowledgement wins) and returns it. */
export async function acknowledgeIncident(id: number, by: string, db: Db = appDb): Promise<IncidentSummary> {
  await incidentSummary(id, db);
  await recordAcknowledgement(id, by, db);
  return incidentSummary(id, db);
}

/** The postmortem draft as Markdown, with the file name to download it as. */
export async function postmortemDraft(id: number, db: Db = appDb, now = new Date()): Promise<{ fileName: string; markdown: string }> {
  const incident = await incidentDetail(id, db, now.getTime());
  return { fileName: postmortemFileName(incident), markdown: renderPostmortem(incident, now) };
}

/** The postmortem draft as Markdown. */
export const postmortemMarkdown = async (id: number, db: Db = appDb, now = new Date()): Promise<string> => (await postmortemDraft(id, db, now)).markdown;
