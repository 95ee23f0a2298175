// Test helper: a stand-in for the API behind global fetch, answering by method and path.
import { vi } from 'vitest';

type Answer = { status?: number; body?: unknown };
export type Handler = (req: {
  method: string;
  path: string;
  url: URL;
  body: unknown;
}) => Answer | Promise<Answer>;

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** Stubs fetch; `routes` maps "GET /api/v1/pipeline-stages" (no query string) to an answer. */
export function fakeApi(routes: Record<string, Handler | Record<string, unknown>>) {
  const calls: { method: string; path: string; url: URL; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const req = { method, path: url.pathname, url, body };
    calls.push(req);
    const route = routes[`${method} ${url.pathname}`];
    if (route === undefined) return json(404, { type: 'about:blank', title: 'Not found', status: 404 });
    if (typeof route !== 'function') return json(200, route);
    const answer = await (route as Handler)(req);
    return json(answer.status ?? 200, answer.body);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export const ADMIN_USER = {
  user_id: 1,
  email: 'admin@carnet.test',
  name: 'Alice Admin',
  role: 'admin',
  active: true,
  locale: 'fr',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

export const STAGES = [
  { stage_id: 1, name: 'Prospection', position: 1, probability: 10, kind: 'open' },
  { stage_id: 2, name: 'Qualification', position: 2, probability: 25, kind: 'open' },
  { stage_id: 3, name: 'Fermée gagnée', position: 3, probability: 100, kind: 'won' },
];

/** The answers every page needs: the instance, the signed-in user, users and stages. */
export const BASE_ROUTES = {
  'GET /api/v1/setup': { setup_needed: false, currency: 'EUR', default_locale: 'fr' },
  'GET /api/v1/auth/me': ADMIN_USER,
  'GET /api/v1/users': { data: [ADMIN_USER], next_cursor: null },
  'GET /api/v1/pipeline-stages': { data: STAGES, next_cursor: null },
};
