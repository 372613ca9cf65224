import { describe, expect, it } from 'vitest';
import { loginBody, registerBody, updateUserBody } from '@/lib/api/schemas';
import { fieldError } from '@/components/shop/form-state';
import { invalidForm } from '@/lib/form-state';

/** The sentence the sign-in and sign-up forms show next to a field. */
function formMessage(schema: typeof registerBody | typeof loginBody, values: Record<string, string>, field: string, label: string) {
  const parsed = schema.safeParse(values);
  expect(parsed.success).toBe(false);
  return parsed.success ? undefined : fieldError(invalidForm(parsed.error, values), field, label);
}

describe('sign-up and sign-in fields', () => {
  it('say an empty email is required, not that it is no email address', () => {
    expect(formMessage(registerBody, { name: 'Ann', email: '', password: 'long-enough' }, 'email', 'Email')).toBe('Email is required.');
    expect(formMessage(loginBody, { email: '  ', password: 'x' }, 'email', 'Email')).toBe('Email is required.');
    expect(formMessage(loginBody, { email: 'pizza', password: 'x' }, 'email', 'Email')).toBe('Email must be an email address.');
  });

  it('refuse a new password of only spaces, with a clear message', () => {
    expect(formMessage(registerBody, { name: 'Ann', email: 'ann@jwt.pizza', password: ' '.repeat(8) }, 'password', 'Password')).toBe(
      'Password must not be only spaces.',
    );
    expect(updateUserBody.safeParse({ password: '\t'.repeat(10) }).success).toBe(false);
  });

  it('still take a new password with spaces in it, kept as typed', () => {
    expect(registerBody.parse({ name: 'Ann', email: 'ann@jwt.pizza', password: ' two words ' }).password).toBe(' two words ');
  });

  it('let any existing password through to the check at login', () => {
    expect(loginBody.parse({ email: 'ann@jwt.pizza', password: ' '.repeat(8) }).password).toBe(' '.repeat(8));
    expect(loginBody.parse({ email: 'ann@jwt.pizza', password: 'short' }).password).toBe('short');
  });
});
