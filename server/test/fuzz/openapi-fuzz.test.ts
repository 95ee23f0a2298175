// The API fuzzed from its own OpenAPI document (issue 15): ~2,000 seeded requests over every
// operation, valid and hostile, as the administrator, anonymously and with a bad token, against a
// real server on SQLite over HTTP. Every answer must come (no hang), never be a 5xx, be a problem
// document when it is an error, and match the document: its status listed for the operation, its
// media type and body valid against that response's schema, the headers it carries declared.
// FUZZ_SEED=n replays another sequence; a failure names the request that found it.
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { DEFAULT_SECURITY } from '../../config.js';
import { connect, type Db } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { type FreshDatabase, freshDatabase } from '../dialects.js';
import { adminHeaders } from '../harness.js';
import { type Answer, checker } from './check.js';
import { buildRequest, type FuzzRequest, type Operation, operations } from './requests.js';
import { type Json, rng, valid } from './values.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const BUDGET = 2000;
const TIMEOUT_MS = 5_000;
const ORIGIN = 'http://fuzz.test';

/**
 * Failures tolerated while a known gap is being fixed: listed, not hidden, each with why. None is
 * left since the HTTP layer's part of issue 15 landed; an entry is `{ match: /…/, why: '…' }`.
 */
const KNOWN: { match: RegExp; why: string }[] = [];

/** What is sent first: reads, then creates and changes, deletes last (they empty the pool of IDs). */
const ORDER = ['get', 'options', 'post', 'patch', 'delete'];

describe('OpenAPI fuzz [sqlite]', () => {
  let fresh: FreshDatabase;
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let doc: Json;
  let admin: Record<string, string>;

  beforeAll(async () => {
    fresh = await freshDatabase('sqlite');
    db = connect(fresh.url);
    await migrateToLatest(db, 'en');
    app = await buildApp({
      config: {
        logLevel: 'silent',
        // the general rate limit would answer 429 to most of 2,000 requests a minute
        security: { ...DEFAULT_SECURITY, apiRatePerMinute: 0, publicOrigins: [ORIGIN] },
      },
      db,
      sessionSecret: 'fuzz-session-secret'.padEnd(32, 'x'),
      webRoot: null,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    admin = await adminHeaders(db);
    doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await fresh?.drop();
  });

  const send = async (req: FuzzRequest): Promise<Answer | string> => {
    try {
      const res = await fetch(base + req.url, {
        method: req.method,
        headers: req.headers,
        ...(req.body === undefined ? {} : { body: req.body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch (e) {
      return `no answer within ${TIMEOUT_MS} ms (${(e as Error).cause ?? (e as Error).name})`;
    }
  };

  it('answers ~2,000 generated requests as the document says', { timeout: 240_000 }, async () => {
    const r = rng(SEED);
    const check = checker(doc);
    const ops = operations(doc).sort((a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method));
    const ids = new Map<string, number[]>();
    const remember = (o: Operation, a: Answer) => {
      if (a.status !== 201 && a.status !== 202) return;
      const location = a.headers.get('location');
      const body = JSON.parse(a.text || '{}');
      const id = location
        ? Number(location.split('/').pop())
        : body[Object.keys(body).find((k) => k.endsWith('_id')) ?? ''];
      if (Number.isInteger(id)) ids.set(o.path.split('/')[3], [...(ids.get(o.path.split('/')[3]) ?? []), id]);
    };

    // records to address: a few valid creates of each collection (the generator's first tries)
    for (const o of ops.filter(
      (o) => o.method === 'post' && o.op.responses['201'] && !o.path.includes('{'),
    )) {
      const schema = o.op.requestBody?.content?.['application/json']?.schema;
      for (let i = 0, made = 0; i < 6 && made < 2 && schema; i++) {
        const res = await send({
          method: 'POST',
          url: o.path,
          headers: { ...admin, 'content-type': 'application/json' },
          body: JSON.stringify(valid(doc, schema, r)),
          note: 'seed',
        });
        if (typeof res !== 'string' && res.status === 201) {
          remember(o, res);
          made++;
        }
      }
    }

    const failures = new Map<string, string>();
    const etags = new Map<string, string>();
    const known = new Map<string, number>();
    let sent = 0;
    // OPTIONS takes nothing but its path: two tries each leave the budget to the others
    const options = ops.filter((o) => o.method === 'options').length;
    const share = Math.ceil((BUDGET - 2 * options) / (ops.length - options));
    const perOp = (o: Operation) => (o.method === 'options' ? 2 : share);
    const slow: [number, string][] = [];
    for (const o of ops) {
      const began = performance.now();
      for (let i = 0; i < perOp(o); i++) {
        const req = buildRequest(doc, o, ids, r);
        const who = r.next();
        if (who < 0.8) Object.assign(req.headers, admin);
        else if (who < 0.9) req.headers.authorization = r.pick(['Bearer nope', 'Basic eDp5', 'Bearer ']);
        if (req.method !== 'GET' && r.chance(0.5)) req.headers.origin = ORIGIN;
        // now and then over the limits of the URL, the headers or the body
        const limit = r.next();
        if (limit < 0.01) req.url += `${req.url.includes('?') ? '&' : '?'}q=${'a'.repeat(70_000)}`;
        else if (limit < 0.02) req.headers['x-fuzz'] = 'b'.repeat(70_000);
        else if (limit < 0.03 && req.body !== undefined) req.body = `{"a":"${'c'.repeat(2 * 1024 * 1024)}"}`;
        if (limit < 0.03) req.note += '; over a limit';

        // the ETag a GET gave for this URL, to revalidate with (304) or to write with (If-Match)
        const seen = etags.get(req.url.split('?')[0]);
        if (seen && r.chance(0.3)) req.headers[req.method === 'GET' ? 'if-none-match' : 'if-match'] = seen;

        const answer = await send(req);
        const etag = typeof answer === 'string' ? null : answer.headers.get('etag');
        if (etag && req.method === 'GET') etags.set(req.url.split('?')[0], etag);
        sent++;
        const found = typeof answer === 'string' ? [answer] : check(o, answer);
        if (typeof answer !== 'string') remember(o, answer);
        for (const problem of found) {
          const key = `${o.method.toUpperCase()} ${o.path} ${problem.replace(/:.*$/s, '')}`;
          const entry = KNOWN.find((k) => k.match.test(`${key} ${problem} [${req.note}]`));
          if (entry) known.set(entry.why, (known.get(entry.why) ?? 0) + 1);
          else if (!failures.has(key))
            failures.set(
              key,
              `${problem} ← ${req.method} ${req.url.slice(0, 160)} [${req.note}]${req.body ? ` ${String(req.body).slice(0, 160)}` : ''}`,
            );
        }
        // the fuzzer may deactivate, demote or revoke its own administrator: make another
        if (
          typeof answer !== 'string' &&
          req.headers.authorization === admin.authorization &&
          [401, 403].includes(answer.status)
        ) {
          const me = await fetch(`${base}/api/v1/auth/me`, { headers: admin });
          const role = me.status === 200 ? ((await me.json()) as { role: string }).role : null;
          if (role !== 'admin') admin = await adminHeaders(db);
        }
      }
      slow.push([performance.now() - began, `${o.method.toUpperCase()} ${o.path}`]);
    }
    if (process.env.FUZZ_REPORT) console.log(slow.sort((a, b) => b[0] - a[0]).slice(0, 12));

    // a method each path does not take: 405 with Allow, as info.description says
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const method = ['put', 'patch', 'delete', 'post'].find((m) => !item[m]) ?? 'trace';
      const url = path.replace(/\{[^}]+\}/g, '1');
      const answer = await send({
        method: method.toUpperCase(),
        url,
        headers: { ...admin },
        note: 'method not allowed',
      });
      sent++;
      const type = typeof answer === 'string' ? '' : (answer.headers.get('content-type') ?? '');
      const wrong =
        typeof answer === 'string'
          ? answer
          : answer.status !== 405
            ? `answered ${answer.status}, not 405`
            : !answer.headers.get('allow')
              ? '405 without Allow'
              : !type.startsWith('application/problem+json')
                ? `405 as ${type}`
                : null;
      if (!wrong) continue;
      const key = `${method.toUpperCase()} ${path} method not allowed`;
      const entry = KNOWN.find((k) => k.match.test(`${key} ${wrong}`));
      if (entry) known.set(entry.why, (known.get(entry.why) ?? 0) + 1);
      else failures.set(key, `${wrong} ← ${method.toUpperCase()} ${url}`);
    }

    // FUZZ_REPORT=file.json keeps every failure found, to read at leisure
    if (process.env.FUZZ_REPORT)
      writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(Object.fromEntries(failures), null, 2));
    if (known.size) console.warn('known gaps:', Object.fromEntries(known));
    expect(sent).toBeGreaterThanOrEqual(BUDGET * 0.9);
    expect([...failures.entries()].map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('can fail: an undocumented status, a body off its schema, an error that is no problem', () => {
    const check = checker(doc);
    const o = operations(doc).find(
      (x) => x.method === 'get' && x.path === '/api/v1/contacts/{id}',
    ) as Operation;
    const json = (status: number, body: unknown, type = 'application/json'): Answer => ({
      status,
      headers: new Headers({ 'content-type': type }),
      text: JSON.stringify(body),
    });
    expect(
      check(o, json(418, { type: '/problems/teapot', title: 'x', status: 418 }, 'application/problem+json')),
    ).toEqual(['418: status not documented for the operation']);
    expect(check(o, json(200, { contact_id: 'one' })).join()).toMatch(/does not match the schema/);
    expect(check(o, json(404, { message: 'gone' })).join()).toMatch(/not application\/problem\+json/);
    expect(check(o, json(500, {}, 'application/problem+json')).join()).toMatch(/server error/);
  });
});
