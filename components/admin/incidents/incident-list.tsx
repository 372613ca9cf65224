import Link from 'next/link';
import type { IncidentSummary } from '@/lib/telemetry/incidents/types';
import { SeverityBadge } from '../alerts/badges';
import { SinceWhen } from '../alerts/time';
import { formatSpan, IncidentStatusBadge } from './parts';

const head = 'px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-char-700';
/** On a phone each row is a card and each cell says what it is; from md up it is a table. */
const cell = "flex justify-between gap-4 px-4 py-1 md:table-cell md:py-3 md:align-top before:font-semibold before:text-char-700 before:content-[attr(data-label)] md:before:content-none";

/** Incidents, newest first: status, what, when, how fast it was detected, acknowledged and mitigated, and the likely cause. */
export function IncidentList({ incidents }: { incidents: IncidentSummary[] }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Incidents, newest first</caption>
      <thead className="hidden border-b border-char-900/10 md:table-header-group">
        <tr>
          <th scope="col" className={head}>Status</th>
          <th scope="col" className={head}>Incident</th>
          <th scope="col" className={head}>Opened</th>
          <th scope="col" className={`${head} text-right`}>TTD</th>
          <th scope="col" className={`${head} text-right`}>TTA</th>
          <th scope="col" className={`${head} text-right`}>TTM</th>
          <th scope="col" className={head}>Likely cause</th>
        </tr>
      </thead>
      <tbody className="flex flex-col gap-3 md:table-row-group">
        {incidents.map((incident) => (
          <tr key={incident.id} className="flex flex-col rounded-2xl border border-char-900/10 bg-white py-2 shadow-sm md:table-row md:rounded-none md:border-0 md:border-b md:shadow-none">
            <td data-label="Status" className={cell}>
              <IncidentStatusBadge incident={incident} />
            </td>
            <th scope="row" data-label="Incident" className={`${cell} text-left font-normal`}>
              <span className="flex flex-col items-end gap-1 md:items-start">
                <Link href={`/admin/incidents/${incident.id}`} className="font-semibold text-char-900 underline-offset-2 hover:text-sauce-700 hover:underline">
                  #{incident.id} {incident.title}
                </Link>
                <SeverityBadge severity={incident.severity} />
              </span>
            </th>
            <td data-label="Opened" className={cell}>
              <SinceWhen at={incident.detectedAt} />
            </td>
            <td data-label="Time to detect" className={`${cell} tabular-nums md:text-right`}>
              {formatSpan(incident.timeToDetectMs)}
            </td>
            <td data-label="Time to acknowledge" className={`${cell} tabular-nums md:text-right`}>
              {formatSpan(incident.timeToAcknowledgeMs, incident.status === 'open' ? 'not yet' : 'never')}
            </td>
            <td data-label="Time to mitigate" className={`${cell} tabular-nums md:text-right`}>
              {formatSpan(incident.timeToMitigateMs, incident.status === 'open' ? 'not yet' : 'never')}
            </td>
            <td data-label="Likely cause" className={cell}>
              {incident.likelyCause ? (
                <Link href={incident.likelyCause.href} className="text-char-900 underline underline-offset-2 hover:text-sauce-700">
                  v{incident.likelyCause.version} {incident.likelyCause.kind}
                </Link>
              ) : (
                <span className="text-char-700">none found</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
