import type { ComponentProps } from 'react';

/** A labelled input with its validation message, linked for screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: ComponentProps<'input'> & { label: string; name: string; error?: string; hint?: string }) {
  const id = input.id ?? `field-${name}`;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-char-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`h-11 rounded-xl border bg-white px-3 text-char-900 placeholder:text-char-700/50 ${
          error ? 'border-sauce-500' : 'border-char-900/20'
        }`}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-sauce-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-sm text-char-700">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
