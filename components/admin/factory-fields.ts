import { formatSeconds } from '@/components/ui/duration';
import type { FactoryConfigDocument } from '@/lib/factory-client/admin';

/** The factory's configuration fields as the console labels and formats them. Plain module: both sides use it. */

export type ConfigKey = keyof FactoryConfigDocument;

export interface ConfigField {
  key: ConfigKey;
  /** The input's label; the unit is part of it so the number is never ambiguous. */
  label: string;
  unit: string;
  step: string;
  format: (value: number) => string;
}

const percent = (v: number) => `${v} (${Math.round(v * 1000) / 10}%)`;

export const CONFIG_FIELDS: ConfigField[] = [
  { key: 'processingDelayMs', label: 'Processing delay (ms)', unit: 'ms', step: '1', format: (v) => `${v.toLocaleString('en-US')} ms` },
  { key: 'failureRate', label: 'Failure rate (0–1)', unit: '', step: 'any', format: percent },
  { key: 'badJwtRate', label: 'Bad JWT rate (0–1)', unit: '', step: 'any', format: percent },
  { key: 'maxItemsPerOrder', label: 'Max items per order', unit: '', step: '1', format: (v) => `${v} ${v === 1 ? 'item' : 'items'}` },
  { key: 'tokenTtlSeconds', label: 'Token lifetime (s)', unit: 's', step: '1', format: (v) => `${v.toLocaleString('en-US')} s (${formatSeconds(v)})` },
];

export const CONFIG_KEYS = CONFIG_FIELDS.map((f) => f.key);

export const isConfigKey = (path: string): path is ConfigKey => (CONFIG_KEYS as string[]).includes(path);

/** "1,000 ms", "0 (0%)": a limit or value in the field's own terms. */
export function formatConfigValue(key: string, value: unknown): string {
  const field = CONFIG_FIELDS.find((f) => f.key === key);
  return field && typeof value === 'number' ? field.format(value) : JSON.stringify(value);
}

/** The durations an admin may pick for a drill; the factory allows at most an hour. */
export const DRILL_MINUTES = [5, 15, 30, 60] as const;
