import Link from 'next/link';
import { formatMs } from '@/components/latency/format';
import type { LikelyCause as Cause } from '@/lib/telemetry/incidents/types';
import { DiffList } from '../factory-console';
import { When } from '../alerts/time';

/** The first thing the on-call engineer reads: the factory change that applied just before things went bad. */
export function LikelyCause({ cause, firstBadAt }: { cause: Cause; firstBadAt: string }) {
  // A change can also apply while the first bad call is already running (before detection).
  const lead = Date.parse(firstBadAt) - Date.parse(cause.appliedAt);
  const when = lead >= 0 ? `${formatMs(lead)} before the first bad measurement` : `${formatMs(-lead)} after the first bad call started`;
  return (
    <section aria-labelledby="likely-cause-title" className="flex flex-col gap-3 rounded-2xl border-2 border-violet-700/40 bg-white p-5 shadow-sm">
      <p className="text-xs font-bold uppercase tracking-widest text-violet-800">Likely cause</p>
      <h2 id="likely-cause-title" className="text-xl font-bold text-char-900">
        Factory configuration v{cause.version} ({cause.kind}), applied {when}
      </h2>
      <DiffList diff={cause.diff} label="What the change did" />
      <p className="text-sm text-char-700">
        By <span className="font-semibold text-char-900">{cause.author}</span> at <When at={cause.appliedAt} />: “{cause.reason}”
      </p>
      <p>
        <Link href={cause.href} className="text-sm font-semibold text-violet-800 underline underline-offset-2 hover:text-violet-950">
          See change v{cause.version} and its diff in the factory console
        </Link>
      </p>
    </section>
  );
}
