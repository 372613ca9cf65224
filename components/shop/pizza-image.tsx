'use client';

import { useEffect, useRef, useState } from 'react';
import { menuImageSrc } from '@/lib/api/schemas';

export const FALLBACK_PIZZA = '/pizzas/generic.svg';

/**
 * A menu item's picture. Admins may enter any URL, so a broken one falls back to our
 * generic pizza, including when it failed before hydration.
 */
export function PizzaImage({ src, alt, className = '' }: { src: string; alt: string; className?: string }) {
  const [failed, setFailed] = useState(false);
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const img = ref.current;
    if (img?.complete && img.naturalWidth === 0) setFailed(true);
  }, []);
  return (
    // A plain img: menu images may come from any host.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      ref={ref}
      src={failed || !src ? FALLBACK_PIZZA : menuImageSrc(src)}
      alt={alt}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
      className={className}
    />
  );
}
