import { z } from 'zod';
import { editFromFields, ruleFields } from '@/components/admin/alerts/rule-fields';
import type { AlertRule } from '@/lib/telemetry/alerts/rules';

/** The alert rule forms: text from FormData into an edit of one rule. The rule schema then judges the values. */

const ruleId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'is not an alert rule id');

export const ruleTarget = z.object({ ruleId });

/**
 * A number field's text as a number: NaN when it is blank or not a number, so the rule schema
 * reports it with every other problem in one pass (as "must be a number").
 */
const numberText = z
  .string()
  .max(40, 'is too long')
  .transform((text) => (text.trim() === '' ? Number.NaN : Number(text.trim())));

/**
 * The form for one rule (enabled, severity and its kind's numbers, named by their path in the
 * rule) as an edit of that rule. The rule schema then judges the values (saveRule).
 */
export function ruleEditForm(rule: AlertRule) {
  const fields = ruleFields(rule);
  const numbers = z.object(Object.fromEntries(fields.map((f) => [f.name, numberText])) as Record<string, typeof numberText>);
  return z
    .object({
      ruleId: z.literal(rule.id, 'is not this rule'),
      enabled: z
        .literal('on')
        .optional()
        .transform((v) => v === 'on'),
      severity: z.enum(['critical', 'warning', 'info'], { error: 'choose critical, warning or info' }),
    })
    .and(numbers)
    .transform(({ ruleId: _id, enabled, severity, ...values }): Record<string, unknown> => ({ enabled, severity, ...editFromFields(rule, values as Record<string, number>) }));
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
  if (/expected number, received NaN/.test(message)) return 'must be a number';
  return message;
}
