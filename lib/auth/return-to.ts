/**
 * Where to go after signing in: a same-site path only. Rejects other origins ("//host",
 * "/\host") and whitespace or control characters that browsers strip into such forms.
 */
const SAME_SITE_PATH = /^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/;

export function safeReturnTo(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && value.length <= 2048 && SAME_SITE_PATH.test(value) ? value : fallback;
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export const signInPath = (returnTo: string): string => `/login?returnTo=${encodeURIComponent(returnTo)}`;
