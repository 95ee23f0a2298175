// Two Carnet instances on one PostgreSQL database, rate limits in Redis: sessions, rate limits and
// writes must behave as with one instance, and throughput should grow (client-side round robin).
import { Credentials } from '../server/auth/credentials.js';
import { DEFAULT_SECURITY } from '../server/config.js';
import { CrudService } from '../server/crud/crud.service.js';
import { SYSTEM_ACTOR } from '../server/crud/resource.js';
import { connect } from '../server/db/connect.js';
import { groupedTotals } from '../server/pipeline/pipeline.service.js';
import { users } from '../server/users/users.resource.js';
import { rng } from './generate.js';
import { httpLoad, type Stats, type Step } from './measure.js';
import { startCarnet } from './servers.js';

export interface ScaleOutResult {
  checks: { name: string; ok: boolean; detail: string }[];
  path: string;
  one: Stats;
  two: Stats;
  speedup: number;
}

const PASSWORD = 'Bench-Harbour-Tulip-42';

export async function scaleOut(
  databaseUrl: string,
  seconds: number,
  contactCount: number,
  log: (s: string) => void,
): Promise<ScaleOutResult> {
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const db = connect(databaseUrl);
  const email = `scale.${Date.now().toString(36)}@example.com`;
  const { dto } = await new CrudService(users, db).create(
    { email, role: 'admin', password: PASSWORD, name: 'Scale' },
    SYSTEM_ACTOR,
  );
  const adminId = dto.user_id as number;
  const credentials = new Credentials(db, {
    idleMs: DEFAULT_SECURITY.sessionIdleMs,
    maxMs: DEFAULT_SECURITY.sessionMaxMs,
  });
  const bearer = async () => ({
    authorization: `Bearer ${(await credentials.createToken(adminId, 'scale-out')).token}`,
  });
  const checks: ScaleOutResult['checks'] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    log(`  ${ok ? 'ok' : 'FAILED'} ${name}: ${detail}`);
  };

  const env = { REDIS_URL: redisUrl };
  const [a, b] = await Promise.all([startCarnet(databaseUrl, env), startCarnet(databaseUrl, env)]);
  try {
    // a session opened on one instance works on the other, and ends on both
    const login = await fetch(`${a.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const onB = await fetch(`${b.url}/api/v1/contacts?limit=1`, { headers: { cookie } });
    const out = await fetch(`${b.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: b.url },
    });
    const afterOnA = await fetch(`${a.url}/api/v1/contacts?limit=1`, { headers: { cookie } });
    check(
      'sessions',
      login.status === 200 && onB.status === 200 && out.status < 300 && afterOnA.status === 401,
      `sign-in on A ${login.status}, read on B ${onB.status}, sign-out on B ${out.status}, then A ${afterOnA.status}`,
    );

    // writes through both at once: every deal counted once, both instances show the same summary
    const owner = (
      await new CrudService(users, db).create(
        { email: `owner.${Date.now().toString(36)}@example.com`, role: 'sales', name: 'Owner' },
        SYSTEM_ACTOR,
      )
    ).dto.user_id as number;
    const h = { ...(await bearer()), 'content-type': 'application/json' };
    const made = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${(i % 2 ? a : b).url}/api/v1/opportunities`, {
          method: 'POST',
          headers: h,
          body: JSON.stringify({
            opportunity_name: `Scale ${i}`,
            owner_id: owner,
            stage: 'Proposition',
            deal_value: 12.34,
          }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { opportunity_id: number } })),
      ),
    );
    await Promise.all(
      made.slice(0, 20).map((m, i) =>
        fetch(`${(i % 2 ? b : a).url}/api/v1/opportunities/${m.body.opportunity_id}`, {
          method: 'PATCH',
          headers: h,
          body: JSON.stringify({ stage: 'Qualification', deal_value: 1 + i }),
        }),
      ),
    );
    const summary = async (url: string) =>
      JSON.stringify(await (await fetch(`${url}/api/v1/pipeline?owner_id=${owner}`, { headers: h })).json());
    const [sa, sb] = [await summary(a.url), await summary(b.url)];
    const grouped = await groupedTotals(
      db,
      { owner_id: String(owner) },
      { userId: adminId, role: 'admin', via: 'token' },
    );
    const count = [...grouped.values()].reduce((n, t) => n + t.deals, 0);
    const fromTotals = JSON.parse(sa).data as { stage: string; count: number; total_value: number }[];
    const same = fromTotals.every((row) => (grouped.get(row.stage)?.deals ?? 0) === row.count);
    check(
      'writes',
      made.every((m) => m.status === 201) && count === 40 && sa === sb && same,
      `40 concurrent creates (${made.filter((m) => m.status === 201).length} × 201) and 20 updates across A and B: ${count} deals, summary identical on A and B and equal to GROUP BY: ${sa === sb && same}`,
    );
    // optimistic concurrency across instances: one of two PATCHes with the same ETag wins
    const target = made[30].body.opportunity_id;
    const etag =
      (await fetch(`${a.url}/api/v1/opportunities/${target}`, { headers: h })).headers.get('etag') ?? '';
    const both = await Promise.all(
      [a, b].map((s, i) =>
        fetch(`${s.url}/api/v1/opportunities/${target}`, {
          method: 'PATCH',
          headers: { ...h, 'if-match': etag },
          body: JSON.stringify({ opportunity_name: `Winner ${i}` }),
        }).then((r) => r.status),
      ),
    );
    check(
      'if-match',
      both.sort().join() === '200,412',
      `two PATCHes with one ETag on A and B: ${both.join(', ')}`,
    );

    // throughput: one instance at 32 connections, then both at 16 each
    const r = rng(99);
    const path = '/api/v1/contacts/{random id}';
    const max = contactCount;
    const sample = (): Step[] => [
      { method: 'GET', path: `/api/v1/contacts/${1 + Math.floor(r() * max)}`, raw: [] },
    ];
    const hh = await bearer();
    await httpLoad(a.url, hh, sample, 1, 8, 1);
    await httpLoad(b.url, hh, sample, 1, 8, 1);
    const one = await httpLoad(a.url, hh, sample, 1, 32, seconds);
    const [x, y] = await Promise.all([
      httpLoad(a.url, hh, sample, 1, 16, seconds),
      httpLoad(b.url, hh, sample, 1, 16, seconds),
    ]);
    const two: Stats = {
      rps: x.rps + y.rps,
      p50: Math.max(x.p50, y.p50),
      p99: Math.max(x.p99, y.p99),
      count: x.count + y.count,
      errors: x.errors + y.errors,
    };
    log(`  one instance ${one.rps} req/s, two ${two.rps} req/s`);
    await Promise.all([a.stop(), b.stop()]);

    // rate limits are shared: 40 a minute through A and B together, not 40 each
    const limited = await Promise.all([
      startCarnet(databaseUrl, { ...env, API_RATE_LIMIT_PER_MINUTE: '40' }),
      startCarnet(databaseUrl, { ...env, API_RATE_LIMIT_PER_MINUTE: '40' }),
    ]);
    const t = await bearer();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push((await fetch(`${limited[i % 2].url}/api/v1/contacts?limit=1`, { headers: t })).status);
    await Promise.all(limited.map((s) => s.stop()));
    const ok200 = statuses.filter((s) => s === 200).length;
    check(
      'rate limit',
      ok200 === 40 && statuses.slice(40).every((s) => s === 429),
      `60 requests alternating A and B at 40/min: ${ok200} × 200, then ${statuses.slice(40).filter((s) => s === 429).length} × 429`,
    );

    return { checks, path, one, two, speedup: Math.round((two.rps / one.rps) * 100) / 100 };
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await db.destroy();
  }
}
