import { z } from 'zod';
import type { RuleField } from '@/components/admin/alerts/rule-fields';

/** The alert rule forms: text from FormData into an edit of one rule. The rule schema then judges the values. */

const ruleId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'is not an alert rule id');

export const ruleTarget = z.object({ ruleId });

const numberText = (whole: boolean) => {
  const n = z.coerce.number<string>({ error: 'must be a number' });
  return z
    .string()
    .trim()
    .min(1, 'is required')
    .pipe(whole ? n.int('must be a whole number') : n);
};

/** The form for one rule: enabled, severity and its kind's numbers (named by their path in the rule). */
export function ruleEditForm(fields: RuleField[]) {
  const numbers = Object.fromEntries(fields.map((f) => [f.name, numberText(f.whole)]));
  return z.object({
    ruleId,
    enabled: z
      .literal('on')
      .optional()
      .transform((v) => v === 'on'),
    severity: z.enum(['critical', 'warning', 'info'], { error: 'choose critical, warning or info' }),
    ...numbers,
  });
}

/** zod's default bound messages in words: "Too small: expected number to be >=1000" → "must be at least 1,000". */
export function plainMessage(message: string): string {
  const bound = /^Too (small|big): expected number to be ([<>]=?)(-?[\d.e+]+)$/.exec(message);
  if (bound) {
    const [, , op, n] = bound;
    const words = { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than' }[op as '>=' | '>' | '<=' | '<'];
    return `must be ${words} ${Number(n).toLocaleString('en')}`;
  }
  if (/expected int/.test(message)) return 'must be a whole number';
  return message;
}
