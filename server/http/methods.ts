// A path that exists answered with a method it does not take is a 405 naming the methods it
// takes (RFC 9110 15.5.6), not a 404; OPTIONS on it is a 204 with the same Allow header (9.3.7).
// Both come from Fastify's route table, so a route added anywhere is known here.
import type { RouteEntry } from '../app.js';

/**
 * The path's segments as the router reads them: split on `/` first, then each decoded, so that
 * `%2F` stays inside its segment (find-my-way does the same); a trailing slash is ignored
 * (ignoreTrailingSlash). Null when an escape does not decode: the router refused it already.
 */
function segments(url: string): string[] | null {
  const parts = url.split('?')[0].split('/');
  if (parts.length > 2 && parts[parts.length - 1] === '') parts.pop();
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

function matches(pattern: string[], path: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p === '*') return true;
    if (i >= path.length) return false;
    if (p.startsWith(':') ? path[i] === '' : p !== path[i]) return false;
  }
  return pattern.length === path.length;
}

/** The methods routed at a path, from the route table as it is when first asked (all registered). */
export function methodFinder(routes: readonly RouteEntry[]) {
  let patterns: { parts: string[]; method: string }[] | null = null;
  return (url: string): string[] => {
    patterns ??= routes.map((r) => ({ parts: r.url.split('/'), method: r.method }));
    const path = segments(url);
    if (!path) return [];
    const methods = new Set(patterns.filter((p) => matches(p.parts, path)).map((p) => p.method));
    if (methods.size === 0) return [];
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort();
  };
}
