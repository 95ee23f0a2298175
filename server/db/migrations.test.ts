import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { companies } from '../companies/companies.resource.js';
import type { DialectName, Locale } from '../config.js';
import { contacts } from '../contacts/contacts.resource.js';
import { interactions } from '../interactions/interactions.resource.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { tasks } from '../tasks/tasks.resource.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { adminHeaders } from '../test/harness.js';
import { columnTypes, foreignKeyColumns, holds, indexLeaders, SEED_COLUMNS } from '../test/schema-info.js';
import { connect, type Db } from './connect.js';
import { timestampParam } from './dialect.js';
import { migrateToLatest, migrations } from './migrate.js';

/** The contract's additions to the seed's tables, and its new tables. */
const CONTRACT_COLUMNS: Record<string, string[]> = {
  companies: ['owner_id'],
  contacts: ['owner_id'],
  opportunities: ['expected_close_date', 'owner_id'],
  interactions: ['opportunity_id', 'user_id'],
  tasks: [
    'task_id',
    'title',
    'opportunity_id',
    'contact_id',
    'assignee_id',
    'due_at',
    'status',
    'completed_at',
    'created_at',
    'updated_at',
  ],
  users: ['user_id', 'email', 'name', 'role', 'active', 'locale', 'created_at', 'updated_at'],
  pipeline_stages: ['stage_id', 'name', 'position', 'probability', 'kind'],
};

const FK_COLUMNS = [
  'opportunities.contact_id',
  'opportunities.company_id',
  'opportunities.owner_id',
  'contacts.company_id',
  'contacts.owner_id',
  'companies.owner_id',
  'interactions.contact_id',
  'interactions.opportunity_id',
  'interactions.user_id',
  'tasks.opportunity_id',
  'tasks.contact_id',
  'tasks.assignee_id',
  'tasks.company_id',
];

const stageRows = async (db: Db) =>
  (
    await db.kysely
      .selectFrom('pipeline_stages')
      .select(['name', 'kind', 'probability'])
      .orderBy('position')
      .execute()
  ).map((s) => [s.name, s.kind, Number(s.probability)]);

// A second server instance: connects, waits for a common start time, then migrates.
const CHILD = `
const { connect } = await import(process.env.T_CONNECT);
const { migrateToLatest } = await import(process.env.T_MIGRATE);
const db = connect(process.env.DATABASE_URL, { poolSize: 1 });
await new Promise((r) => setTimeout(r, Number(process.env.T_START_AT) - Date.now()));
try {
  const r = await migrateToLatest(db);
  console.log(r.results.length ? 'applied' : 'up to date');
} catch (e) {
  console.log(String(e));
} finally {
  await db.destroy();
}`;

function migrateInChild(url: string, startAt: number): Promise<string> {
  const env = {
    ...process.env,
    DATABASE_URL: url,
    T_CONNECT: fileURLToPath(new URL('./connect.ts', import.meta.url)),
    T_MIGRATE: fileURLToPath(new URL('./migrate.ts', import.meta.url)),
    T_START_AT: String(startAt),
  };
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', CHILD],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(error) : resolve(`${stdout}${stderr}`.trim())),
    ),
  );
}

async function migratedDatabase(dialect: DialectName, locale?: Locale) {
  const fresh = await freshDatabase(dialect);
  const db = connect(fresh.url);
  await migrateToLatest(db, locale);
  return { fresh, db };
}

for (const dialect of DIALECTS) {
  describe(`migrations [${dialect}]`, () => {
    let fresh: FreshDatabase;
    let db: Db;
    let app: FastifyInstance;
    let auth: Record<string, string>;
    const post = async (path: string, body: unknown) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/${path}`,
        payload: body as object,
        headers: auth,
      });
      return { status: res.statusCode, body: res.json() };
    };
    beforeAll(async () => {
      ({ fresh, db } = await migratedDatabase(dialect));
      app = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 's' });
      auth = await adminHeaders(db);
    });
    afterAll(async () => {
      await app?.close();
      await db?.destroy();
      await fresh?.drop();
    });

    it('migrating again is a no-op that keeps every row', async () => {
      const company = await post('companies', { company_name: 'Rerun SARL' });
      expect(company.status).toBe(201);
      const contact = await post('contacts', { last_name: 'Rerun', company_id: company.body.company_id });
      expect(contact.status).toBe(201);
      const before = await db.kysely.selectFrom('contacts').selectAll().execute();
      const again = await migrateToLatest(db);
      expect(again.error).toBeUndefined();
      expect(again.results).toEqual([]);
      // a second connection, as a restarted server would open
      const other = connect(fresh.url);
      try {
        expect((await migrateToLatest(other, 'en')).results).toEqual([]);
      } finally {
        await other.destroy();
      }
      expect(await db.kysely.selectFrom('contacts').selectAll().execute()).toEqual(before);
      expect(await stageRows(db)).toHaveLength(6);
      const got = await app.inject({ url: `/api/v1/contacts/${contact.body.contact_id}`, headers: auth });
      expect(got.json()).toEqual(contact.body);
    });

    it("has every table, with the seed's column names and the contract's additions", async () => {
      const tables = await db.kysely.introspection.getTables();
      const columns = new Map(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
      for (const table of new Set([...Object.keys(SEED_COLUMNS), ...Object.keys(CONTRACT_COLUMNS)])) {
        expect(columns.has(table), table).toBe(true);
        const expected = [...Object.keys(SEED_COLUMNS[table] ?? {}), ...CONTRACT_COLUMNS[table]];
        expect(columns.get(table), table).toEqual(expect.arrayContaining(expected));
      }
      const idColumn = tables
        .find((t) => t.name === 'contacts')
        ?.columns.find((c) => c.name === 'contact_id');
      expect(idColumn?.isAutoIncrementing || dialect === 'sqlite').toBe(true);
    });

    it("gives the seed's columns types that hold every seed value", async () => {
      const types = await columnTypes(db);
      const mismatches: string[] = [];
      for (const [table, cols] of Object.entries(SEED_COLUMNS)) {
        for (const [column, seedType] of Object.entries(cols)) {
          const ours = types.get(`${table}.${column}`);
          if (!holds(dialect, ours, seedType)) mismatches.push(`${table}.${column}: ${ours} vs ${seedType}`);
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('indexes every foreign-key column (it leads some index)', async () => {
      const fks = await foreignKeyColumns(db);
      expect([...fks]).toEqual(expect.arrayContaining(FK_COLUMNS));
      const leaders = await indexLeaders(db);
      const unindexed = [...fks].filter((c) => !leaders.has(c));
      expect(unindexed).toEqual([]);
    });

    it('indexes every sortable field of the tables that grow (it leads some index)', async () => {
      const leaders = await indexLeaders(db);
      const unindexed = [companies, contacts, opportunities, interactions, tasks].flatMap((def) =>
        // a name sorts by its key column (ResourceDef.sortKeys)
        def.sortable.map((f) => `${def.table}.${def.sortKeys?.[f] ?? f}`).filter((c) => !leaders.has(c)),
      );
      expect(unindexed).toEqual([]);
    });

    it('refuses two contacts whose emails differ only in case (409 with existing_id)', async () => {
      const first = await post('contacts', { first_name: 'Case', email: 'Case.Only@Example.com' });
      expect(first.status).toBe(201);
      const dup = await post('contacts', { first_name: 'Case', email: 'case.only@EXAMPLE.COM' });
      expect(dup.status).toBe(409);
      expect(dup.body.existing_id).toBe(first.body.contact_id);
      const rows = await db.kysely
        .selectFrom('contacts')
        .select('contact_id')
        .where('email_key', '=', 'case.only@example.com')
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('enforces the email key in the database itself, comparing keys byte for byte', async () => {
      const now = timestampParam(dialect, new Date().toISOString());
      const row = (k: string) => ({
        email: k,
        email_key: k,
        search_text: ' ',
        created_at: now,
        updated_at: now,
      });
      await db.kysely.insertInto('contacts').values(row('unique.key@example.com')).execute();
      await expect(
        db.kysely.insertInto('contacts').values(row('unique.key@example.com')).execute(),
      ).rejects.toThrow();
      // folded keys are compared exactly, not by the table's accent-insensitive collation
      await db.kysely.insertInto('contacts').values(row('andre@example.com')).execute();
      await db.kysely.insertInto('contacts').values(row('andré@example.com')).execute();
    });

    it('creates the French default stages by default', async () => {
      expect(await stageRows(db)).toEqual([
        ['Prospection', 'open', 10],
        ['Qualification', 'open', 25],
        ['Proposition', 'open', 50],
        ['En négociation', 'open', 75],
        ['Fermée gagnée', 'won', 100],
        ['Fermée perdue', 'lost', 0],
      ]);
      const opp = await post('opportunities', { opportunity_name: 'Default stage' });
      expect(opp.body.stage).toBe('Prospection');
    });

    it("creates the English default stages with locale 'en'", async () => {
      const en = await migratedDatabase(dialect, 'en');
      try {
        expect((await stageRows(en.db)).map((s) => s[0])).toEqual([
          'Prospecting',
          'Qualification',
          'Proposal',
          'Negotiation',
          'Closed won',
          'Closed lost',
        ]);
        expect((await stageRows(en.db)).map((s) => s[1])).toEqual([
          'open',
          'open',
          'open',
          'open',
          'won',
          'lost',
        ]);
      } finally {
        await en.db.destroy();
        await en.fresh.drop();
      }
    });

    it('lets two processes start on one new database at once: one migrates, the other waits', async () => {
      const blank = await freshDatabase(dialect);
      try {
        if (dialect === 'sqlite') {
          // create the file first: two processes switching one new file to WAL at once is another race
          const pre = connect(blank.url);
          await sql`select 1`.execute(pre.kysely);
          await pre.destroy();
        }
        const startAt = Date.now() + 2500; // both children have loaded their modules by then
        const outcomes = await Promise.all([
          migrateInChild(blank.url, startAt),
          migrateInChild(blank.url, startAt),
        ]);
        expect(outcomes.sort()).toEqual(['applied', 'up to date']);
        const db = connect(blank.url);
        try {
          expect(await stageRows(db)).toHaveLength(6);
        } finally {
          await db.destroy();
        }
      } finally {
        await blank.drop();
      }
    });

    // MySQL cannot roll DDL back: there a failure halfway leaves what was made (see seed-ddl.test.ts).
    it.skipIf(dialect === 'mysql')('leaves nothing behind when the migration fails halfway', async () => {
      const blank = await freshDatabase(dialect);
      const db = connect(blank.url);
      try {
        // a table named like one of the last indexes the migration makes: every table is made first
        await sql`create table tasks_contact_idx (x integer)`.execute(db.kysely);
        await expect(migrateToLatest(db)).rejects.toThrow(/2026_11_25_0001_core failed/);
        const tables = (await db.kysely.introspection.getTables()).map((t) => t.name);
        expect(tables).toEqual(['tasks_contact_idx']);
        await sql`drop table tasks_contact_idx`.execute(db.kysely);
        const retry = await migrateToLatest(db);
        expect(retry.results?.map((r) => r.status)).toEqual(
          Object.keys(migrations('fr')).map(() => 'Success'),
        );
        expect(await stageRows(db)).toHaveLength(6);
      } finally {
        await db.destroy();
        await blank.drop();
      }
    });
  });
}
