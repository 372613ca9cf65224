/** Our own mark: a pizza slice whose toppings are a JWT's three dots. */
export function Logo({ className = 'size-8' }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 64 64" aria-hidden="true">
      <path d="M32 6 58 54a52 52 0 0 1-52 0Z" fill="#efb26b" />
      <path d="M32 14 52 50a44 44 0 0 1-40 0Z" fill="#d9412b" />
      <circle cx="24" cy="42" r="4" fill="#fff8ef" />
      <circle cx="32" cy="32" r="4" fill="#fff8ef" />
      <circle cx="40" cy="42" r="4" fill="#fff8ef" />
    </svg>
  );
}
