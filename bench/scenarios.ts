// The benchmark's scenarios: each one is a sample of work as HTTP requests, and the same SQL the
// handlers run (built with the app's own query builders) for the raw-driver baseline.
import type { Compilable } from 'kysely';
import { companies } from '../server/companies/companies.resource.js';
import type { DialectName } from '../server/config.js';
import { contacts } from '../server/contacts/contacts.resource.js';
import { encodeCursor, type ListQuery, listQuery, parseSort } from '../server/crud/list.js';
import type { Actor, LooseDb, ResourceDef, Row } from '../server/crud/resource.js';
import { timestampParam } from '../server/db/dialect.js';
import { interactions } from '../server/interactions/interactions.resource.js';
import { phoneKey } from '../server/lib/phone.js';
import { nameKey, searchText } from '../server/lib/text.js';
import { opportunities } from '../server/opportunities/opportunities.resource.js';
import { pipelineTotalsQuery } from '../server/pipeline/pipeline-totals.js';
import { stagesQuery } from '../server/pipeline-stages/pipeline-stages.resource.js';
import { wordsOf } from '../server/search/search-words.js';
import { customFieldSamples } from './custom-fields.js';
import { rng, type Sizes } from './generate.js';
import type { Step } from './measure.js';
import type { RawDriver, Stmt } from './raw.js';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary.js';

export interface Scenario {
  id: string;
  title: string;
  /** requests per sample */
  steps: number;
  /** what the issue asks of it, checked in the report */
  target?: { kind: 'ratio'; min: number } | { kind: 'p99' | 'p50'; maxMs: number; connections: number };
  write?: boolean;
  /** called once before it is measured; returns the sampler */
  prepare(): Promise<() => Step[]>;
}

export interface ScenarioContext {
  dialect: DialectName;
  kysely: LooseDb;
  raw: RawDriver;
  sizes: Sizes;
  actor: Actor;
  /** a distinct tag for rows this run writes */
  runTag: string;
  /** how many rows a write scenario may consume */
  writeBudget: number;
}

const API = '/api/v1';
const stmt = (q: Compilable<unknown>): Stmt => {
  const c = q.compile();
  return { sql: c.sql, parameters: c.parameters };
};

/** A sampler cycling through `n` precomputed samples in a shuffled but fixed order. */
function pool(samples: Step[][]): () => Step[] {
  let i = 0;
  return () => samples[i++ % samples.length];
}

export function scenarios(ctx: ScenarioContext): Scenario[] {
  const { dialect, kysely: k, sizes, actor } = ctx;
  const opts = { dialect, actor };
  const byId = (def: ResourceDef, id: number) =>
    stmt(k.selectFrom(def.table).selectAll().where(def.idColumn, '=', id));
  const list = (def: ResourceDef, query: ListQuery, fixed?: Record<string, unknown>) =>
    stmt(listQuery(k, def, query, { ...opts, fixed }).qb);
  const ids = (seed: number, n: number, max: number) => {
    const r = rng(seed);
    return Array.from({ length: n }, () => 1 + Math.floor(r() * max));
  };
  const qs = (q: Record<string, string | number>) =>
    new URLSearchParams(q as Record<string, string>).toString();
  const fold = (s: string) => searchText([s]).trim();
  const N = 2000;

  const getContact: Scenario = {
    id: 'get-contact',
    title: 'get contact by ID',
    steps: 1,
    target: { kind: 'ratio', min: dialect === 'sqlite' ? 0.5 : 0.8 },
    prepare: async () =>
      pool(
        ids(1, N, sizes.contacts).map((id) => [
          { method: 'GET', path: `${API}/contacts/${id}`, raw: [byId(contacts, id)] },
        ]),
      ),
  };

  const contactWithCompany: Scenario = {
    id: 'contact-company',
    title: 'get contact, then its company',
    steps: 2,
    target: { kind: 'ratio', min: dialect === 'sqlite' ? 0.5 : 0.8 },
    async prepare() {
      const rows = await k
        .selectFrom('contacts')
        .select(['contact_id', 'company_id'])
        .where('contact_id', 'in', ids(2, N, sizes.contacts))
        .where('company_id', 'is not', null)
        .execute();
      return pool(
        rows.map((r) => {
          const c = Number(r.contact_id);
          const co = Number(r.company_id);
          return [
            { method: 'GET', path: `${API}/contacts/${c}`, raw: [byId(contacts, c)] },
            { method: 'GET', path: `${API}/companies/${co}`, raw: [byId(companies, co)] },
          ];
        }),
      );
    },
  };

  const lookupEmail: Scenario = {
    id: 'lookup-email',
    title: 'look a contact up by email',
    steps: 1,
    target: { kind: 'ratio', min: dialect === 'sqlite' ? 0.5 : 0.8 },
    async prepare() {
      const rows = await k
        .selectFrom('contacts')
        .select('email')
        .where('contact_id', 'in', ids(3, N, sizes.contacts))
        .execute();
      return pool(
        rows.map((r) => {
          const email = String(r.email);
          return [
            { method: 'GET', path: `${API}/contacts?${qs({ email })}`, raw: [list(contacts, { email })] },
          ];
        }),
      );
    },
  };

  const search = (id: string, title: string, seed: number, make: (r: () => number) => string): Scenario => ({
    id,
    title,
    steps: 1,
    target: { kind: 'p99', maxMs: 50, connections: 32 },
    prepare: async () => {
      const r = rng(seed);
      return pool(
        Array.from({ length: 200 }, () => {
          const q = make(r);
          return [{ method: 'GET', path: `${API}/contacts?${qs({ q })}`, raw: [list(contacts, { q })] }];
        }),
      );
    },
  });
  const pick = <T>(r: () => number, xs: T[]) => xs[Math.floor(r() * xs.length)];
  const accented = (xs: string[]) => xs.filter((x) => fold(x) !== x.toLowerCase());

  const search1 = search('search-1word', 'search q, 1 word (a last name)', 4, (r) =>
    fold(pick(r, LAST_NAMES)),
  );
  const search2 = search(
    'search-2words',
    'search q, 2 words (first and last name)',
    5,
    (r) => `${fold(pick(r, FIRST_NAMES))} ${fold(pick(r, LAST_NAMES))}`,
  );
  const searchAccents = search(
    'search-accents',
    'search q with accents (Hélène Lefèvre)',
    6,
    (r) => `${pick(r, accented(FIRST_NAMES))} ${pick(r, accented(LAST_NAMES))}`,
  );
  const searchMiss = search(
    'search-miss',
    'search q matching nothing (worst case)',
    7,
    (r) => `zq${Math.floor(r() * 1e6)}`,
  );

  // Ctrl-K: the best 10 across contacts, companies and deals, ranked (server/search/relevance.ts);
  // a last name of the vocabulary matches 17k–34k contacts and as many deals (through their contact)
  const searchRanked: Scenario = {
    id: 'search-ranked',
    title: 'GET /search (Ctrl-K), q = a common last name, best 10 across types',
    steps: 1,
    target: { kind: 'p99', maxMs: 100, connections: 32 },
    prepare: async () => {
      const r = rng(14);
      return pool(
        Array.from({ length: 200 }, () => {
          const q = fold(pick(r, LAST_NAMES));
          return [
            {
              method: 'GET',
              path: `${API}/search?${qs({ q })}`,
              raw: [contacts, companies, opportunities].map((def) =>
                list(def, { q, sort: 'relevance', limit: 10 }),
              ),
            },
          ];
        }),
      );
    },
  };

  const listPage1: Scenario = {
    id: 'list-page1',
    title: 'contacts list, page 1 (sort last_name, first_name)',
    steps: 1,
    target: { kind: 'p99', maxMs: 50, connections: 32 },
    prepare: async () => pool([[{ method: 'GET', path: `${API}/contacts`, raw: [list(contacts, {})] }]]),
  };

  const deep = (
    id: string,
    title: string,
    def: ResourceDef,
    sort: string,
    seed: number,
    count: number,
  ): Scenario => ({
    id,
    title,
    steps: 1,
    target: { kind: 'p99', maxMs: 50, connections: 32 },
    async prepare() {
      const keys = parseSort(def, sort);
      const rows = (await k
        .selectFrom(def.table)
        .selectAll()
        .where(def.idColumn, 'in', ids(seed, 500, count))
        .execute()) as Row[];
      return pool(
        rows.map((row) => {
          const cursor = encodeCursor(def, keys, row);
          return [
            {
              method: 'GET',
              path: `${API}/${def.path}?${qs({ sort, cursor })}`,
              raw: [list(def, { sort, cursor })],
            },
          ];
        }),
      );
    },
  });
  const listDeep = deep(
    'list-deep',
    'contacts list, deep keyset page (last_name, first_name)',
    contacts,
    'last_name,first_name',
    8,
    sizes.contacts,
  );
  const listDeepSorted = deep(
    'list-deep-sort',
    'opportunities list, deep keyset page (sort -created_at)',
    opportunities,
    '-created_at',
    9,
    sizes.opportunities,
  );

  const companyPage: Scenario = {
    id: 'company-page',
    title: 'company page: company, its contacts, its opportunities',
    steps: 3,
    target: { kind: 'p99', maxMs: 50, connections: 32 },
    prepare: async () =>
      pool(
        ids(10, N, sizes.companies).map((id) => [
          { method: 'GET', path: `${API}/companies/${id}`, raw: [byId(companies, id)] },
          {
            method: 'GET',
            path: `${API}/companies/${id}/contacts`,
            raw: [byId(companies, id), list(contacts, {}, { company_id: id })],
          },
          {
            method: 'GET',
            path: `${API}/companies/${id}/opportunities`,
            raw: [byId(companies, id), list(opportunities, {}, { company_id: id })],
          },
        ]),
      ),
  };

  const timeline: Scenario = {
    id: 'timeline',
    title: 'contact timeline (interactions, newest first)',
    steps: 1,
    target: { kind: 'p99', maxMs: 50, connections: 32 },
    prepare: async () =>
      pool(
        ids(11, N, sizes.contacts).map((id) => [
          {
            method: 'GET',
            path: `${API}/contacts/${id}/interactions`,
            raw: [
              byId(contacts, id),
              list({ ...interactions, defaultSort: '-interaction_date' }, {}, { contact_id: id }),
            ],
          },
        ]),
      ),
  };

  const pipelineAll: Scenario = {
    id: 'pipeline-all',
    title: 'pipeline summary, all opportunities',
    steps: 1,
    target: { kind: 'p50', maxMs: 5, connections: 1 },
    prepare: async () =>
      pool([
        [
          {
            method: 'GET',
            path: `${API}/pipeline`,
            raw: [stmt(stagesQuery(k)), stmt(pipelineTotalsQuery(k, undefined))],
          },
        ],
      ]),
  };
  const pipelineOwner: Scenario = {
    id: 'pipeline-owner',
    title: 'pipeline summary, one owner',
    steps: 1,
    target: { kind: 'p50', maxMs: 5, connections: 1 },
    prepare: async () =>
      pool(
        ids(12, 50, sizes.users).map((owner) => [
          {
            method: 'GET',
            path: `${API}/pipeline?owner_id=${owner}`,
            raw: [stmt(stagesQuery(k)), stmt(pipelineTotalsQuery(k, owner))],
          },
        ]),
      ),
  };

  const now = () => timestampParam(dialect, new Date().toISOString());
  const audit = (action: string, resource: string, recordId: number, changes: unknown) =>
    stmt(
      k.insertInto('audit_events').values({
        occurred_at: now(),
        user_id: actor.userId,
        action,
        resource,
        record_id: recordId,
        changes: JSON.stringify(changes),
      }),
    );
  let serial = 0;
  const create: Scenario = {
    id: 'create',
    title: 'create a contact (audit log on)',
    steps: 1,
    write: true,
    prepare: async () => () => {
      const n = ++serial;
      const email = `bench.${ctx.runTag}.${n}@example.com`;
      const body = { first_name: 'Bench', last_name: `Créé ${n}`, email };
      const stamp = now();
      const row = {
        ...body,
        email_key: email,
        first_name_key: nameKey(body.first_name),
        last_name_key: nameKey(body.last_name),
        owner_id: actor.userId,
        search_text: searchText([body.first_name, body.last_name, email]),
        created_at: stamp,
        updated_at: stamp,
      };
      return [
        {
          method: 'POST',
          path: `${API}/contacts`,
          body,
          raw: [
            stmt(
              k.insertInto('contacts').values({ ...row, email: `raw.${email}`, email_key: `raw.${email}` }),
            ),
            audit('create', 'contacts', 0, row),
          ],
          tx: true,
        },
      ];
    },
  };
  const update: Scenario = {
    id: 'update',
    title: 'update a contact (audit log on)',
    steps: 1,
    write: true,
    async prepare() {
      const r = rng(13);
      return () => {
        const id = 1 + Math.floor(r() * sizes.contacts);
        const phone = `+33 7 ${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
        const text = searchText([], [phone], 'FR');
        return [
          {
            method: 'PATCH',
            path: `${API}/contacts/${id}`,
            body: { phone },
            raw: [
              stmt(
                k
                  .updateTable('contacts')
                  .set({ phone, phone_key: phoneKey(phone, 'FR'), search_text: text, updated_at: now() })
                  .where('contact_id', '=', id),
              ),
              // the words of the new search_text, as the app keeps them (its reads and writes
              // would otherwise meet stale ones)
              stmt(
                k.deleteFrom('search_words').where('resource', '=', 'contacts').where('record_id', '=', id),
              ),
              stmt(
                k
                  .insertInto('search_words')
                  .values(wordsOf(text).map((word) => ({ resource: 'contacts', word, record_id: id }))),
              ),
              // its place in a ranked search follows updated_at (server/search/name-words.ts)
              stmt(
                k
                  .updateTable('name_words')
                  .set({ ranked_at: now() })
                  .where('resource', '=', 'contacts')
                  .where('record_id', '=', id),
              ),
              audit('update', 'contacts', id, { phone: [null, phone] }),
            ],
            tx: true,
          },
        ];
      };
    },
  };
  const remove: Scenario = {
    id: 'delete',
    title: 'delete a contact (audit log on)',
    steps: 1,
    write: true,
    async prepare() {
      // contacts nothing refers to, made for this: HTTP deletes the even ones, raw the odd ones
      const first =
        Number(
          (
            await k
              .selectFrom('contacts')
              .select((eb) => eb.fn.max('contact_id').as('m'))
              .executeTakeFirstOrThrow()
          ).m,
        ) + 1;
      const stamp = now();
      const batch = 500;
      for (let done = 0; done < ctx.writeBudget; done += batch) {
        const rows = Array.from({ length: Math.min(batch, ctx.writeBudget - done) }, (_, i) => {
          const email = `gone.${ctx.runTag}.${done + i}@example.com`;
          return {
            first_name: 'Bench',
            last_name: 'Disposable',
            first_name_key: 'bench',
            last_name_key: 'disposable',
            email,
            email_key: email,
            search_text: ` bench disposable `,
            created_at: stamp,
            updated_at: stamp,
          };
        });
        await k.insertInto('contacts').values(rows).execute();
      }
      let httpNext = first;
      let rawNext = first + 1;
      return () => {
        const h = httpNext;
        const rw = rawNext;
        httpNext += 2;
        rawNext += 2;
        return [
          {
            method: 'DELETE',
            path: `${API}/contacts/${h}`,
            raw: [
              stmt(k.deleteFrom('contacts').where('contact_id', '=', rw)),
              audit('delete', 'contacts', rw, {}),
            ],
            tx: true,
          },
        ];
      };
    },
  };

  const customFilterSort: Scenario = {
    id: 'cf-filter-sort',
    title: 'contacts of a segment (custom select) sorted by renewal (custom date), pages 1–5',
    steps: 1,
    target: { kind: 'p99', maxMs: 50, connections: 32 },
    prepare: async () => pool(await customFieldSamples(k, dialect, actor, stmt)),
  };

  return [
    getContact,
    contactWithCompany,
    lookupEmail,
    search1,
    search2,
    searchAccents,
    searchMiss,
    searchRanked,
    listPage1,
    listDeep,
    listDeepSorted,
    customFilterSort,
    companyPage,
    timeline,
    pipelineAll,
    pipelineOwner,
    create,
    update,
    remove,
  ];
}
