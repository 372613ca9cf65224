'use client';

import { RANGE_KEYS, RANGES, type RangeKey } from '@/lib/telemetry/view';

/** The time range, as a group of toggle buttons (Tab to reach, Enter or Space to choose). */
export function RangePicker({ value, onChange }: { value: RangeKey; onChange: (range: RangeKey) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex flex-wrap gap-1 rounded-full border border-char-900/10 bg-white p-1">
      {RANGE_KEYS.map((key) => (
        <button
          key={key}
          type="button"
          aria-pressed={key === value}
          onClick={() => onChange(key)}
          className={`rounded-full px-3 py-1.5 text-sm font-semibold transition-colors ${
            key === value ? 'bg-char-900 text-white' : 'text-char-800 hover:bg-crust-100'
          }`}
          title={RANGES[key].label}
        >
          {key}
        </button>
      ))}
    </div>
  );
}
