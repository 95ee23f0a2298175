import { isDeepStrictEqual } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../crud/resource.js';
import { createContact, createUser, uniq } from '../test/factories.js';
import { type ApiResponse, describeEachDialect, type Member, TEST_PASSWORD } from '../test/harness.js';

/**
 * Who may use the settings, administration, account and GDPR routes: every route × every role,
 * against the rules in one pure function; every wrong cell is reported. Record routes (ownership):
 * authorization-matrix.test.ts; dead credentials: authorization-matrix.credentials.test.ts.
 */

type Who = Role | 'anon';
/** who may call a route: everyone signed in, admins only, or admins and managers */
type Access = 'everyone' | 'admin' | 'admin+manager';

const WHO: Who[] = ['admin', 'manager', 'sales', 'viewer', 'anon'];

/** THE RULES: 401 without credentials, 403 for a role the route is not for, else `status`. */
function expectedStatus(who: Who, access: Access, status: number): number {
  if (who === 'anon') return 401;
  if (access === 'everyone') return status;
  if (access === 'admin') return who === 'admin' ? status : 403;
  return who === 'admin' || who === 'manager' ? status : 403;
}

type Ctx = Record<string, unknown> & { id?: number };
type Api = Member['api'];

interface Route {
  name: string;
  access: Access;
  /** the answer for a caller the route is for */
  status: number;
  /** makes what this one cell works on (admin, before the matrix runs) */
  prepare?: (who: Who) => Promise<Ctx>;
  call: (api: Api, ctx: Ctx, who: Who) => Promise<ApiResponse>;
  /** after the call: what is wrong with its effect, if anything (`allowed`: whether it should have worked) */
  check?: (ctx: Ctx, res: ApiResponse, allowed: boolean, who: Who) => Promise<string | null>;
}

/** Runs `fn` on every item, a few at a time. */
async function inLanes<T>(items: T[], lanes: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

describeEachDialect('authorization matrix: settings, users, accounts, audit, GDPR', (t) => {
  const actors = {} as Record<Role, Member>;
  /** a sales user who is none of the callers */
  let someoneElse: Member;
  let stageId = 0;
  let reasonId = 0;
  let fieldId = 0;
  /** the caller; for anonymous calls, whom they target in place of "me" */
  const self = (who: Who) => (who === 'anon' ? someoneElse : actors[who]);
  const as = (who: Who) => (who === 'anon' ? t.anon : actors[who].api);
  const ok = (res: ApiResponse, status: number) => {
    if (res.status !== status) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** refused: the record reads as it did before */
  const unchanged = (url: string) => async (ctx: Ctx, _res: ApiResponse, allowed: boolean) => {
    if (allowed) return null;
    const after = await t.api('GET', url.replace('{id}', String(ctx.id)));
    return isDeepStrictEqual(after.body, ctx.before)
      ? null
      : `changed though refused: ${JSON.stringify(after.body)}`;
  };
  /** allowed: the record is gone; refused: it is as it was */
  const goneOrUnchanged = (url: string) => async (ctx: Ctx, res: ApiResponse, allowed: boolean) => {
    if (!allowed) return unchanged(url)(ctx, res, allowed);
    const after = await t.api('GET', url.replace('{id}', String(ctx.id)));
    return after.status === 404 ? null : `still there (${after.status})`;
  };
  const freshStage = async () => {
    const before = ok(await t.api('POST', '/api/v1/pipeline-stages', { name: `Stage ${uniq()}` }), 201);
    return { id: before.stage_id, before };
  };
  const freshReason = async () => {
    const before = ok(await t.api('POST', '/api/v1/lost-reasons', { label: `Reason ${uniq()}` }), 201);
    return { id: before.lost_reason_id, before };
  };
  const freshField = async () => {
    const body = { entity: 'contacts', key: `m_${uniq()}`, label: { fr: 'M', en: 'M' }, type: 'text' };
    const before = ok(await t.api('POST', '/api/v1/custom-fields', body), 201);
    return { id: before.field_id, key: before.key, before };
  };
  const taskFieldIds = async (): Promise<number[]> =>
    (await t.api('GET', '/api/v1/custom-fields?entity=tasks')).body.data.map(
      (f: { field_id: number }) => f.field_id,
    );
  const freshUser = async () => {
    const { user_id } = await createUser(t, { role: 'sales' });
    return { id: user_id, before: ok(await t.api('GET', `/api/v1/users/${user_id}`), 200) };
  };
  const contactOf = (owner: 'own' | 'other' | 'unowned') => async (who: Who) => {
    const ownerId = owner === 'own' ? self(who).user_id : owner === 'other' ? someoneElse.user_id : null;
    const before = await createContact(t, { owner_id: ownerId });
    return { id: before.contact_id, before };
  };
  /** a token of this caller (or, for `of: 'someone else'`, of a fresh user) */
  const tokenOf = (of: 'me' | 'someone else') => async (who: Who) => {
    const owner = of === 'me' ? self(who) : await t.member('viewer');
    const created = ok(await owner.api('POST', '/api/v1/api-tokens', { name: `Matrix ${uniq()}` }), 201);
    return { id: created.token_id, token: created.token };
  };
  const tokenWorks = async (token: unknown) =>
    (await t.anon('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${token}` })).status === 200;

  const routes: Route[] = [
    {
      name: 'POST /pipeline-stages',
      access: 'admin',
      status: 201,
      prepare: async () => ({ name: `Stage ${uniq()}` }),
      call: (api, ctx) => api('POST', '/api/v1/pipeline-stages', { name: ctx.name }),
      check: async (ctx, _res, allowed) => {
        const names = (await t.api('GET', '/api/v1/pipeline-stages?limit=200')).body.data.map(
          (s: { name: string }) => s.name,
        );
        return names.includes(ctx.name) === allowed ? null : `stage exists: ${!allowed}`;
      },
    },
    {
      name: 'PATCH /pipeline-stages/{id}',
      access: 'admin',
      status: 200,
      prepare: freshStage,
      call: (api, ctx) =>
        api('PATCH', `/api/v1/pipeline-stages/${ctx.id}`, { probability: 42, name: `R ${uniq()}` }),
      check: unchanged('/api/v1/pipeline-stages/{id}'),
    },
    {
      name: 'DELETE /pipeline-stages/{id}',
      access: 'admin',
      status: 204,
      prepare: freshStage,
      call: (api, ctx) => api('DELETE', `/api/v1/pipeline-stages/${ctx.id}`),
      check: goneOrUnchanged('/api/v1/pipeline-stages/{id}'),
    },
    {
      name: 'POST /custom-fields',
      access: 'admin',
      status: 201,
      prepare: async () => ({ key: `m_${uniq()}` }),
      call: (api, ctx) =>
        api('POST', '/api/v1/custom-fields', {
          entity: 'contacts',
          key: ctx.key,
          label: { fr: 'M', en: 'M' },
          type: 'text',
        }),
      check: async (ctx, _res, allowed) => {
        const keys = (await t.api('GET', '/api/v1/custom-fields?entity=contacts')).body.data.map(
          (f: { key: string }) => f.key,
        );
        return keys.includes(ctx.key) === allowed ? null : `field exists: ${!allowed}`;
      },
    },
    {
      name: 'PATCH /custom-fields/{id}',
      access: 'admin',
      status: 200,
      prepare: freshField,
      call: (api, ctx) => api('PATCH', `/api/v1/custom-fields/${ctx.id}`, { required: true }),
      check: unchanged('/api/v1/custom-fields/{id}'),
    },
    {
      name: 'DELETE /custom-fields/{id}?confirm',
      access: 'admin',
      status: 204,
      prepare: freshField,
      call: (api, ctx) => api('DELETE', `/api/v1/custom-fields/${ctx.id}?confirm=${ctx.key}`),
      check: goneOrUnchanged('/api/v1/custom-fields/{id}'),
    },
    {
      name: 'POST /custom-fields/reorder',
      access: 'admin',
      status: 200,
      call: async (api, ctx) => {
        ctx.order = await taskFieldIds();
        return api('POST', '/api/v1/custom-fields/reorder', {
          entity: 'tasks',
          ids: [...(ctx.order as number[])].reverse(),
        });
      },
      // refused: the order is as it was; allowed: it is reversed
      check: async (ctx, _res, allowed) => {
        const was = ctx.order as number[];
        const want = allowed ? [...was].reverse() : was;
        return (await taskFieldIds()).join() === want.join()
          ? null
          : `order ${allowed ? 'not set' : 'changed'}`;
      },
    },
    {
      name: 'POST /lost-reasons',
      access: 'admin+manager',
      status: 201,
      prepare: async () => ({ label: `Reason ${uniq()}` }),
      call: (api, ctx) => api('POST', '/api/v1/lost-reasons', { label: ctx.label }),
      check: async (ctx, _res, allowed) => {
        const labels = (await t.api('GET', '/api/v1/lost-reasons?limit=200')).body.data.map(
          (r: { label: string }) => r.label,
        );
        return labels.includes(ctx.label) === allowed ? null : `reason exists: ${!allowed}`;
      },
    },
    {
      name: 'PATCH /lost-reasons/{id}',
      access: 'admin+manager',
      status: 200,
      prepare: freshReason,
      call: (api, ctx) =>
        api('PATCH', `/api/v1/lost-reasons/${ctx.id}`, { position: 9, label: `R ${uniq()}` }),
      check: unchanged('/api/v1/lost-reasons/{id}'),
    },
    {
      name: 'DELETE /lost-reasons/{id}',
      access: 'admin+manager',
      status: 204,
      prepare: freshReason,
      call: (api, ctx) => api('DELETE', `/api/v1/lost-reasons/${ctx.id}`),
      check: goneOrUnchanged('/api/v1/lost-reasons/{id}'),
    },
    {
      name: 'POST /users (an admin)',
      access: 'admin',
      status: 201,
      prepare: async () => ({ email: `new.admin.${uniq()}@example.com` }),
      call: (api, ctx) =>
        api('POST', '/api/v1/users', { email: ctx.email, role: 'admin', password: TEST_PASSWORD }),
      check: async (ctx, _res, allowed) => {
        const row = await t.db.kysely
          .selectFrom('users')
          .select('user_id')
          .where('email_key', '=', ctx.email as string)
          .executeTakeFirst();
        return Boolean(row) === allowed ? null : `user exists: ${Boolean(row)}`;
      },
    },
    {
      name: 'PATCH /users/{another user}',
      access: 'admin',
      status: 200,
      prepare: freshUser,
      call: (api, ctx) =>
        api('PATCH', `/api/v1/users/${ctx.id}`, { name: `Renamed ${uniq()}`, role: 'admin' }),
      check: unchanged('/api/v1/users/{id}'),
    },
    {
      name: 'POST /users/{id}/invitation',
      access: 'admin',
      status: 201,
      prepare: freshUser,
      call: (api, ctx) => api('POST', `/api/v1/users/${ctx.id}/invitation`),
      check: async (ctx, res, allowed) => {
        const links = await t.db.kysely
          .selectFrom('account_links')
          .select('link_id')
          .where('user_id', '=', ctx.id as number)
          .execute();
        if (links.length !== (allowed ? 1 : 0)) return `links: ${links.length}`;
        return allowed || !JSON.stringify(res.body).includes('token=') ? null : 'a link in a refusal';
      },
    },
    {
      name: 'POST /users/{id}/password-reset-link',
      access: 'admin',
      status: 201,
      prepare: freshUser,
      call: (api, ctx) => api('POST', `/api/v1/users/${ctx.id}/password-reset-link`),
      check: async (ctx, _res, allowed) => {
        const links = await t.db.kysely
          .selectFrom('account_links')
          .select('link_id')
          .where('user_id', '=', ctx.id as number)
          .execute();
        return links.length === (allowed ? 1 : 0) ? null : `links: ${links.length}`;
      },
    },
    {
      name: 'PATCH /users/{myself} role=admin',
      access: 'admin',
      status: 200,
      prepare: async (who) => ({ id: self(who).user_id }),
      // other cells change the callers' own records: compare with how it is just before
      call: async (api, ctx) => {
        ctx.before = ok(await t.api('GET', `/api/v1/users/${ctx.id}`), 200);
        return api('PATCH', `/api/v1/users/${ctx.id}`, { role: 'admin' });
      },
      check: unchanged('/api/v1/users/{id}'),
    },
    {
      name: 'DELETE /users/{another user} (deactivate)',
      access: 'admin',
      status: 204,
      prepare: freshUser,
      call: (api, ctx) => api('DELETE', `/api/v1/users/${ctx.id}`),
      check: async (ctx, res, allowed) => {
        if (!allowed) return unchanged('/api/v1/users/{id}')(ctx, res, allowed);
        const after = await t.api('GET', `/api/v1/users/${ctx.id}`);
        return after.body.active === false ? null : 'still active';
      },
    },
    {
      name: 'GET /audit-events',
      access: 'admin',
      status: 200,
      call: (api) => api('GET', '/api/v1/audit-events'),
    },
    ...(['own', 'other', 'unowned'] as const).flatMap((owner): Route[] => [
      {
        name: `GET /contacts/{${owner}}/personal-data`,
        access: 'admin+manager',
        status: 200,
        prepare: contactOf(owner),
        call: (api, ctx) => api('GET', `/api/v1/contacts/${ctx.id}/personal-data`),
      },
      {
        name: `POST /contacts/{${owner}}/erase`,
        access: 'admin+manager',
        status: 200,
        prepare: contactOf(owner),
        call: (api, ctx) => api('POST', `/api/v1/contacts/${ctx.id}/erase`),
        check: goneOrUnchanged('/api/v1/contacts/{id}'),
      },
    ]),
    {
      name: 'GET /auth/me',
      access: 'everyone',
      status: 200,
      call: (api) => api('GET', '/api/v1/auth/me'),
      check: async (_ctx, res, allowed, who) =>
        !allowed || res.body.user_id === self(who).user_id ? null : `someone else: ${res.body.user_id}`,
    },
    {
      name: 'PATCH /auth/me name, locale',
      access: 'everyone',
      status: 200,
      call: (api) => api('PATCH', '/api/v1/auth/me', { name: `Me ${uniq()}`, locale: 'en' }),
      check: async (_ctx, res, allowed, who) =>
        !allowed || res.body.user_id === self(who).user_id ? null : `someone else: ${res.body.user_id}`,
    },
    {
      name: 'PATCH /auth/me password',
      access: 'everyone',
      status: 200,
      // setting it to the same value keeps every other test's sign-in working
      call: (api) =>
        api('PATCH', '/api/v1/auth/me', { password: TEST_PASSWORD, current_password: TEST_PASSWORD }),
    },
    {
      name: 'POST /api-tokens',
      access: 'everyone',
      status: 201,
      call: (api) => api('POST', '/api/v1/api-tokens', { name: `Matrix ${uniq()}` }),
    },
    {
      name: 'GET /api-tokens (mine only)',
      access: 'everyone',
      status: 200,
      prepare: tokenOf('someone else'),
      call: (api) => api('GET', '/api/v1/api-tokens'),
      check: async (ctx, res, allowed) =>
        !allowed || !res.body.data.some((x: { token_id: number }) => x.token_id === ctx.id)
          ? null
          : 'lists another user’s token',
    },
    {
      name: 'DELETE /api-tokens/{mine}',
      access: 'everyone',
      status: 204,
      prepare: tokenOf('me'),
      call: (api, ctx) => api('DELETE', `/api/v1/api-tokens/${ctx.id}`),
      check: async (ctx, _res, allowed) =>
        (await tokenWorks(ctx.token)) !== allowed ? null : `token works: ${allowed}`,
    },
    {
      name: 'DELETE /api-tokens/{someone else’s}',
      access: 'everyone',
      status: 404,
      prepare: tokenOf('someone else'),
      call: (api, ctx) => api('DELETE', `/api/v1/api-tokens/${ctx.id}`),
      check: async (ctx) => ((await tokenWorks(ctx.token)) ? null : 'the token was revoked'),
    },
    ...[
      '/users',
      '/users/{u}',
      '/users/{u}/history',
      '/pipeline-stages',
      '/pipeline-stages/{s}',
      '/pipeline-stages/{s}/history',
      '/lost-reasons',
      '/lost-reasons/{r}',
      '/lost-reasons/{r}/history',
      '/custom-fields',
      '/custom-fields/{f}',
    ].map(
      (path): Route => ({
        name: `GET ${path}`,
        access: 'everyone',
        status: 200,
        call: (api) =>
          api(
            'GET',
            `/api/v1${path.replace('{u}', String(actors.sales.user_id)).replace('{s}', String(stageId)).replace('{r}', String(reasonId)).replace('{f}', String(fieldId))}`,
          ),
      }),
    ),
  ];
  const cells = routes.flatMap((route) => WHO.map((who) => ({ route, who })));
  const contexts = new Map<(typeof cells)[number], Ctx>();

  beforeAll(async () => {
    actors.admin = t.admin;
    for (const role of ['manager', 'sales', 'viewer'] as const) actors[role] = await t.member(role);
    someoneElse = await t.member('sales');
    stageId = (await freshStage()).id;
    reasonId = (await freshReason()).id;
    fieldId = (await freshField()).id;
    for (const _ of [1, 2]) {
      const body = { entity: 'tasks', key: `m_${uniq()}`, label: { fr: 'M', en: 'M' }, type: 'text' };
      ok(await t.api('POST', '/api/v1/custom-fields', body), 201);
    }
    await inLanes(cells, 4, async (cell) => {
      contexts.set(cell, (await cell.route.prepare?.(cell.who)) ?? {});
    });
  });

  it('allows and refuses every route exactly as the rules say, and refused calls change nothing', async () => {
    const mismatches: string[] = [];
    for (const cell of cells) {
      const { route, who } = cell;
      const ctx = contexts.get(cell) as Ctx;
      const expected = expectedStatus(who, route.access, route.status);
      const res = await route.call(as(who), ctx, who);
      const label = `${route.name} as ${who}`;
      if (res.status !== expected) {
        mismatches.push(`${label}: expected ${expected}, got ${res.status} ${res.body?.detail ?? ''}`);
      }
      const wrong = await route.check?.(ctx, res, expected === route.status, who);
      if (wrong) mismatches.push(`${label}: ${wrong}`);
    }
    expect(mismatches).toEqual([]);
    expect(cells).toHaveLength(WHO.length * routes.length);
  });
});
