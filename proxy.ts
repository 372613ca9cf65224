import { NextResponse, type NextRequest } from 'next/server';

/** GET / serves the home page to browsers and the contract's {message, version} to API clients. */
export function proxy(request: NextRequest) {
  const accept = request.headers.get('accept') ?? '';
  if (accept.includes('text/html')) return NextResponse.next();
  return NextResponse.rewrite(new URL('/api/status', request.url));
}

export const config = { matcher: '/' };
