import { describe, expect, it } from 'vitest';
import { AppError, notFound } from '@/lib/errors';
import { failedForm } from '@/lib/form-state';

describe('a domain error shown on a form', () => {
  it('reads as a sentence', () => {
    expect(failedForm(new AppError('forbidden', 'you cannot delete your own account'), {})).toMatchObject({
      status: 'error',
      message: 'You cannot delete your own account.',
    });
  });

  it('says the page may be out of date when what it acted on is gone', () => {
    expect(failedForm(notFound('franchise'), { name: 'Provo' })).toEqual({
      status: 'error',
      message: 'Franchise not found. It may have been removed elsewhere: reload the page to see the latest.',
      values: { name: 'Provo' },
    });
  });

  it('goes next to its field, as the API words it, when the form names one', () => {
    expect(failedForm(new AppError('conflict', 'a store with that name already exists'), {}, { conflict: 'name' })).toMatchObject({
      fieldErrors: { name: 'a store with that name already exists' },
    });
  });

  it('rethrows anything that is not a domain error', () => {
    expect(() => failedForm(new TypeError('bug'), {})).toThrow('bug');
  });
});
