import Link from 'next/link';
import type { ComponentProps } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';
type Size = 'sm' | 'md' | 'lg';

/** aria-disabled looks disabled too: buttons that must keep the keyboard focus use it instead of disabled (busy ones show a wait cursor). */
const base =
  'inline-flex items-center justify-center gap-2 rounded-full font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 aria-busy:cursor-wait';
const variants: Record<Variant, string> = {
  primary: 'bg-sauce-500 text-white shadow-sm hover:bg-sauce-600',
  secondary: 'border border-char-900/15 bg-white text-char-900 hover:bg-crust-100 aria-pressed:border-char-900 aria-pressed:bg-char-900 aria-pressed:text-white aria-pressed:hover:bg-char-800',
  ghost: 'text-char-800 hover:bg-crust-100',
  danger: 'border border-sauce-600/30 bg-white text-sauce-700 hover:bg-sauce-500 hover:text-white',
};
const sizes: Record<Size, string> = { sm: 'h-8 px-3 text-sm', md: 'h-10 px-5 text-sm', lg: 'h-12 px-7 text-base' };

export function buttonClass(variant: Variant = 'primary', size: Size = 'md', extra = ''): string {
  return `${base} ${variants[variant]} ${sizes[size]} ${extra}`;
}

export function Button({
  variant,
  size,
  className = '',
  ...props
}: ComponentProps<'button'> & { variant?: Variant; size?: Size }) {
  return <button className={buttonClass(variant, size, className)} {...props} />;
}

export function ButtonLink({
  variant,
  size,
  className = '',
  ...props
}: ComponentProps<typeof Link> & { variant?: Variant; size?: Size }) {
  return <Link className={buttonClass(variant, size, className)} {...props} />;
}
