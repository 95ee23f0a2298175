// Test helper (not part of the app bundle: only *.test.tsx import it).
import { vi } from 'vitest';

export type Route = (req: { method: string; url: URL; body: unknown }) => unknown;
export interface Reply {
  status: number;
  body?: unknown;
}

/** `reply(400, problem)` for a route handler to answer with something other than 200. */
export const reply = (status: number, body?: unknown): Reply & { __reply: true } => ({
  status,
  body,
  __reply: true,
});

/**
 * Replaces global fetch: each route is "METHOD /path" (no query string); its handler returns the JSON
 * body of a 200, or reply(status, body). Unknown routes answer 404 so a test sees what it forgot.
 * Returns the spy, whose calls are [url, init].
 */
export function stubFetch(routes: Record<string, Route>) {
  const spy = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const handler = routes[`${method} ${path}`];
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const out = handler
      ? await handler({ method, url, body })
      : reply(404, { type: '/problems/not-found', title: 'Not found', status: 404 });
    const r =
      out && typeof out === 'object' && '__reply' in out
        ? (out as unknown as Reply)
        : { status: 200, body: out };
    if (r.status === 204) return new Response(null, { status: 204 });
    return new Response(JSON.stringify(r.body ?? null), {
      status: r.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', spy);
  return spy;
}

export const ADMIN_ME = {
  user_id: 1,
  email: 'alice@example.com',
  name: 'Alice',
  role: 'admin' as const,
  active: true,
  locale: 'fr',
  must_change_password: false,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
