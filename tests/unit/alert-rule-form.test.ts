import { describe, expect, it } from 'vitest';
import { plainMessage, ruleEditForm } from '@/app/admin/alerts/schemas';
import { editedFields, ruleFields, valueAt } from '@/components/admin/alerts/rule-fields';
import { defaultRules, ruleSchema, type AlertRule } from '@/lib/telemetry/alerts/rules';

/** The alert rule form: FormData text → an edit → the rule schema (what saveRule applies), as the admin page uses it. */

const rules = defaultRules({ sloTargetMs: 1000, budgetMs: 10_000, probeIntervalMs: 15_000 });
const [fastBurn, slowBurn] = rules.filter((r): r is Extract<AlertRule, { kind: 'burn_rate' }> => r.kind === 'burn_rate');
/** The fast burn-rate rule with the slow pair of windows added, as an admin may make it. */
const burn = { ...fastBurn!, windows: [...fastBurn!.windows, ...slowBurn!.windows] };

function formValues(rule: AlertRule, overrides: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = { ruleId: rule.id, severity: rule.severity, ...(rule.enabled ? { enabled: 'on' } : {}) };
  for (const f of ruleFields(rule)) values[f.name] = String(valueAt(rule, f.name));
  return { ...values, ...overrides };
}

/** What the action and saveRule do: the form as an edit, merged into the rule, judged by the rule schema. */
const submit = (rule: AlertRule, values: Record<string, string>) => ruleSchema.safeParse({ ...rule, ...ruleEditForm(rule).parse(values) });

describe('alert rule form', () => {
  it.each(rules.map((r) => [r.id, r] as const))('%s: the form of a rule, submitted unchanged, gives the same rule', (_id, rule) => {
    const result = submit(rule, formValues(rule));
    expect(result.success).toBe(true);
    expect(result.data).toEqual(rule);
    expect(editedFields(result.data!, rule)).toEqual([]);
  });

  it('an unchecked box disables the rule, and the edit names only what changed', () => {
    const critical = rules.find((r) => r.kind === 'latency_critical')!;
    const values = formValues(critical, { thresholdMs: '2500' });
    delete values.enabled;
    const disabled = submit(critical, values);
    expect(disabled.data).toMatchObject({ enabled: false, thresholdMs: 2500 });
    expect(editedFields(disabled.data!, critical)).toEqual(['enabled', 'thresholdMs']);
  });

  it('edits a burn-rate window in place and keeps the others', () => {
    const result = submit(burn, formValues(burn, { 'windows.1.factor': '7.5' }));
    expect(result.data?.kind === 'burn_rate' && result.data.windows).toEqual([burn.windows[0], { ...burn.windows[1], factor: 7.5 }]);
    expect(editedFields(result.data!, burn)).toEqual(['windows.1.factor']);
  });

  it('reports every problem in one pass, each at a field (or window pair) the form shows', () => {
    const result = submit(burn, formValues(burn, { objective: 'abc', targetMs: '0', 'windows.0.shortMs': '7200000', forMs: '' }));
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), plainMessage(i.message)]));
    expect(byPath).toEqual({
      objective: 'must be a number',
      targetMs: 'must be at least 1',
      forMs: 'must be a number',
      'windows.0': 'the short window must be shorter than the long one',
    });
    const shown = new Set([...ruleFields(burn).map((f) => f.name), ...ruleFields(burn).flatMap((f) => (f.group ? [f.group] : []))]);
    for (const path of Object.keys(byPath)) expect(shown.has(path)).toBe(true);
  });

  it('rejects an unknown severity, and the form of another rule, at the form', () => {
    expect(ruleEditForm(burn).safeParse(formValues(burn, { severity: 'page-everyone' })).success).toBe(false);
    expect(ruleEditForm(burn).safeParse(formValues(burn, { ruleId: 'factory-errors' })).success).toBe(false);
  });

  it('words zod bounds plainly', () => {
    expect(plainMessage('Too small: expected number to be >=1000')).toBe('must be at least 1,000');
    expect(plainMessage('Too big: expected number to be <=604800000')).toBe('must be at most 604,800,000');
    expect(plainMessage('Too small: expected number to be >0')).toBe('must be more than 0');
    expect(plainMessage('Too big: expected number to be <1')).toBe('must be less than 1');
    expect(plainMessage('Invalid input: expected int, received number')).toBe('must be a whole number');
    expect(plainMessage('Invalid input: expected number, received NaN')).toBe('must be a number');
  });
});
