import { describe, expect, it } from 'vitest';
import { loginBody, menuImage, menuImageSrc, menuItemForm, orderBody, registerBody, updateUserBody, userListQuery } from '@/lib/api/schemas';
import { parseOrThrow } from '@/lib/http/errors';
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

describe('menu pictures', () => {
  it('take a path on this site, an old client\'s bare file name or an https URL', () => {
    for (const image of ['/pizzas/veggie.svg', 'pizza9.png', 'https://cdn.jwt.pizza/pizza.png?size=2', ' /pizzas/crusty.svg ']) {
      expect(menuImage.safeParse(image).success, image).toBe(true);
    }
  });

  it('refuse other schemes, other hosts by a bare // and spaces, saying what is allowed', () => {
    for (const image of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:image/svg+xml,<svg/>', 'http://cdn.jwt.pizza/p.png', '//evil.example/p.png', 'https://', 'pizza 9.png']) {
      const parsed = menuImage.safeParse(image);
      expect(parsed.success, image).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('must be a path on this site (such as /pizzas/veggie.svg) or an https:// URL');
    }
  });

  it('load a bare file name from the site root, not from the page showing it (/admin/pizza9.png)', () => {
    expect(menuImageSrc('pizza9.png')).toBe('/pizza9.png');
    expect(menuImageSrc('pizzas/veggie.svg')).toBe('/pizzas/veggie.svg');
    expect(menuImageSrc('/pizzas/veggie.svg')).toBe('/pizzas/veggie.svg');
    expect(menuImageSrc('https://cdn.jwt.pizza/pizza.png')).toBe('https://cdn.jwt.pizza/pizza.png');
  });
});

describe('messages for missing fields and wrong types', () => {
  /** What the API answers for a bad body (the route wrapper parses with parseOrThrow). */
  function apiMessage(schema: Parameters<typeof parseOrThrow>[0], input: unknown): string {
    try {
      parseOrThrow(schema, input, 'body');
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('parsed');
  }

  it('say a missing field is required', () => {
    expect(apiMessage(loginBody, { email: 'ann@jwt.pizza' })).toBe('invalid body: password: is required');
    expect(apiMessage(orderBody, { franchiseId: 1, storeId: 1 })).toBe('invalid body: items: is required');
  });

  it('still say what a field of the wrong type should be', () => {
    expect(apiMessage(loginBody, { email: 'ann@jwt.pizza', password: 42 })).toBe('invalid body: password: must be a string');
    expect(apiMessage(orderBody, { franchiseId: 1, storeId: 1, items: 'pizza' })).toBe('invalid body: items: must be an array');
    expect(apiMessage(orderBody, { franchiseId: 1, storeId: 1, items: ['pizza'] })).toBe('invalid body: items.0: must be an object');
    expect(apiMessage(userListQuery, { page: '1.5' })).toBe('invalid body: page: must be a whole number');
    expect(apiMessage(userListQuery, { limit: 'ten' })).toBe('invalid body: limit: must be a number');
  });

  it('keep the messages schemas set themselves', () => {
    expect(apiMessage(orderBody, { franchiseId: 'x', storeId: 1, items: [{ menuId: 1 }] })).toBe('invalid body: franchiseId: must be a number');
    expect(apiMessage(loginBody, { email: 'ann@jwt.pizza', password: '' })).toBe('invalid body: password: is required');
  });

  it('give forms the same words', () => {
    const parsed = menuItemForm.safeParse({ title: 'Student', description: 'carbs', image: '/p.svg' });
    expect(parsed.success).toBe(false);
    expect(parsed.success ? undefined : invalidForm(parsed.error, {}).fieldErrors).toEqual({ price: 'is required' });
  });
});
