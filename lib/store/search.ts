/**
 * Turns a name filter in which * is a wildcard into a case-insensitive SQL LIKE pattern.
 * "*" or "" matches everything; a filter without * matches names that contain it.
 */
export function likePattern(filter: string): string {
  const escaped = filter.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  if (!escaped.includes('*')) return `%${escaped}%`;
  return escaped.replace(/\*+/g, '%');
}
