// A path that exists answered with a method it does not take is a 405 naming the methods it
// takes (RFC 9110 15.5.6), not a 404; OPTIONS on it is a 204 with the same Allow header (9.3.7).
// Both come from Fastify's route table, so a route added anywhere is known here.
import type { RouteEntry } from '../app.js';

interface Pattern {
  re: RegExp;
  method: string;
}

const escapeRegex = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

function compile(url: string): RegExp {
  const body = url
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : escapeRegex(seg)))
    .join('/');
  return new RegExp(`^${body}/?$`);
}

/** The methods routed at a path, from the route table as it is when first asked (all registered). */
export function methodFinder(routes: readonly RouteEntry[]) {
  let patterns: Pattern[] | null = null;
  return (url: string): string[] => {
    patterns ??= routes.map((r) => ({ re: compile(r.url), method: r.method }));
    let path = url.split('?')[0];
    try {
      path = decodeURIComponent(path);
    } catch {
      return [];
    }
    const methods = new Set(patterns.filter((p) => p.re.test(path)).map((p) => p.method));
    if (methods.size === 0) return [];
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort();
  };
}
