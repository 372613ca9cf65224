import { z } from 'zod';
import { id } from '@/lib/api/schemas';
import type { FormState } from '@/lib/form-state';

/** The factory console's forms: text from FormData into the factory admin API's shapes. */

const numberText = (min: number, max: number, whole: boolean) => {
  const n = z.coerce.number<string>({ error: 'must be a number' }).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
  return z
    .string()
    .trim()
    .min(1, 'is required')
    .pipe(whole ? n.int('must be a whole number') : n);
};

/** The factory's hard ranges (GET /factory/api/docs); the safe envelope is the factory's to apply. */
const documentFields = {
  processingDelayMs: numberText(0, 120_000, true),
  failureRate: numberText(0, 1, false),
  badJwtRate: numberText(0, 1, false),
  maxItemsPerOrder: numberText(1, 100, true),
  tokenTtlSeconds: numberText(60, 90 * 86_400, true),
};

export const configChangeForm = z.object({
  ...documentFields,
  reason: z.string().trim().min(3, 'say why, in a few words').max(500, 'must be at most 500 characters'),
  expectedVersion: id,
  intent: z.enum(['change', 'drill']).default('change'),
  drillMinutes: z.coerce.number().pipe(z.union([z.literal(5), z.literal(15), z.literal(30), z.literal(60)])).default(15),
});

/** The values the form showed, sent back as hidden `was.*` fields, so only changed fields are sent. */
export const shownDocument = z.object(documentFields);

export const rollbackForm = z.object({
  version: id,
  expectedVersion: id,
  reason: z.string().trim().min(3, 'say why, in a few words').max(500, 'must be at most 500 characters'),
});

/** The editor's state: a FormState, plus whether to offer a drill or a reload. */
export type ConfigFormState = FormState & {
  /** The change was refused by the safety envelope: it may be run as a drill instead. */
  offerDrill?: boolean;
  /** The configuration moved on since the page was loaded. */
  stale?: boolean;
  /** The version a successful save made (the page's own props may still show the one before). */
  savedVersion?: number;
};
