import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEXT_MARK } from '../../shared/csv-safety.js';
import { buildApp } from '../app.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { readVcardText } from '../imports/vcard-reader.js';
import { type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { createCompany, createContact, createOpportunity, uniq } from '../test/factories.js';
import { adminHeaders, describeEachDialect, type TestContext } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';

const get = (t: TestContext, url: string, token = t.admin.token) =>
  t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

const rowsOf = (body: string, delimiter = ',') => {
  expect(body.startsWith('\ufeff')).toBe(true);
  return parse(body.slice(1), { columns: true, delimiter }) as Record<string, string>[];
};

describeEachDialect('exports', (t) => {
  let tag: string;
  beforeAll(async () => {
    tag = `Exp${uniq()}`;
    const co = await createCompany(t, { company_name: `${tag} Crêperie` });
    await createContact(t, {
      first_name: 'Hélène',
      last_name: `${tag} Dupré`,
      email: `helene.${tag}@example.fr`,
      phone: '+33 6 12 34 56 78',
      company_id: co.company_id,
    });
    await createContact(t, {
      first_name: '=HYPERLINK("http://evil")',
      last_name: `${tag} Formula`,
      email: `f.${tag}@example.com`,
      phone: '-1',
    });
    await createContact(t, {
      first_name: 'Autre',
      last_name: 'Personne',
      email: `other.${uniq()}@example.com`,
    });
    await createOpportunity(t, {
      opportunity_name: `${tag} Deal`,
      company_id: co.company_id,
      deal_value: 1234.5,
      expected_close_date: '2026-03-15',
    });
  });

  it('CSV of contacts: the list filters and q, a BOM, the company name, formulas neutralised', async () => {
    const res = await get(
      t,
      `/api/v1/contacts/export?q=${tag.toLowerCase()}&sort=last_name&columns=technical`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = rowsOf(res.body);
    expect(rows.map((r) => r.last_name)).toEqual([`${tag} Dupré`, `${tag} Formula`]);
    expect(rows[0]).toMatchObject({
      first_name: 'Hélène',
      // a phone number is not a formula: as written, behind an invisible mark that keeps it text
      phone: `${TEXT_MARK}+33 6 12 34 56 78`,
      company_name: `${tag} Crêperie`,
    });
    expect(rows[1]).toMatchObject({ first_name: `'=HYPERLINK("http://evil")`, phone: "'-1" });
    const semi = await get(t, `/api/v1/contacts/export?q=${tag.toLowerCase()}&delimiter=semicolon`);
    expect(rowsOf(semi.body, ';')).toHaveLength(2);
    const none = await get(t, '/api/v1/contacts/export?q=zzzznothing');
    expect(rowsOf(none.body)).toEqual([]);
  });

  it('CSV of companies and opportunities: exact amounts, dates, names', async () => {
    const co = rowsOf(
      (await get(t, `/api/v1/companies/export?q=${tag.toLowerCase()}&columns=technical`)).body,
    );
    expect(co).toEqual([expect.objectContaining({ company_name: `${tag} Crêperie` })]);
    const opp = rowsOf(
      (await get(t, `/api/v1/opportunities/export?q=${tag.toLowerCase()}&columns=technical`)).body,
    );
    expect(opp[0]).toMatchObject({
      opportunity_name: `${tag} Deal`,
      deal_value: '1234.50',
      expected_close_date: '2026-03-15',
      company_name: `${tag} Crêperie`,
      stage: 'Prospection',
      closed_at: '',
      lost_reason: '',
    });
    const lost = await createOpportunity(t, {
      opportunity_name: `${tag} Lost`,
      stage: 'Fermée perdue',
      lost_reason: '=Trop cher',
    });
    const [row] = rowsOf(
      (await get(t, `/api/v1/opportunities/export?opportunity_id=${lost.opportunity_id}&columns=technical`))
        .body,
    );
    expect(row).toMatchObject({ closed_at: lost.closed_at, lost_reason: "'=Trop cher" });
  });

  it('quotes a cell holding a lone line feed or carriage return: its row stays one row', async () => {
    const name = `${tag} Lignes`;
    const made = await createCompany(t, { company_name: name });
    // the API refuses control characters; a value written behind it (a script, an older version) has them
    const industry = 'Boulangerie\nPâtisserie\rTraiteur';
    await t.db.kysely
      .updateTable('companies')
      .set({ industry })
      .where('company_id', '=', made.company_id)
      .execute();
    const res = await get(t, `/api/v1/companies/export?q=${encodeURIComponent(name)}&columns=technical`);
    const rows = rowsOf(res.body);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ company_name: name, industry });
    // quoted, as spreadsheets (which end a row at any line break outside quotes) need it
    expect(res.body).toContain(`"${industry}"`);
  });

  it('pages through more rows than one page holds', async () => {
    const many = `Many${uniq()}`;
    const lines = ['First Name,Last Name,Email'];
    for (let i = 0; i < 1203; i++) lines.push(`P${i},${many},${many.toLowerCase()}.${i}@example.com`);
    expect(await runImport(t, lines.join('\n'))).toMatchObject({ created: 1203 });
    const rows = rowsOf((await get(t, `/api/v1/contacts/export?last_name=${many}&columns=technical`)).body);
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r.email)).size).toBe(1203);
  });

  it('vCard 4.0 of one or many contacts', async () => {
    const one = await get(t, `/api/v1/contacts/export?format=vcf&email=helene.${tag}@example.fr`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(one.headers['content-disposition']).toMatch(/filename="contacts-.*\.vcf"/);
    expect(one.body).toMatch(/^BEGIN:VCARD\r\nVERSION:4.0\r\n/);
    expect(one.body).toContain('FN:Hélène');
    expect(one.body).toContain('ORG:');
    const cards = await readVcardText(one.body);
    expect(cards).toEqual([
      expect.objectContaining({
        first_name: 'Hélène',
        last_name: `${tag} Dupré`,
        email: `helene.${tag}@example.fr`,
        phone: '+33 6 12 34 56 78',
        company_name: `${tag} Crêperie`,
      }),
    ]);
    const many = await get(t, `/api/v1/contacts/export?format=vcf&q=${tag.toLowerCase()}`);
    expect(many.body.match(/BEGIN:VCARD/g)).toHaveLength(2);
  });

  it('refuses what the list refuses: a bad sort or filter (400), vCard of companies (400); viewers may export', async () => {
    expect((await get(t, '/api/v1/contacts/export?sort=nope')).statusCode).toBe(400);
    expect((await get(t, '/api/v1/contacts/export?format=xlsx')).statusCode).toBe(400);
    expect((await get(t, '/api/v1/companies/export?format=vcf')).statusCode).toBe(400);
    expect((await t.anon('GET', '/api/v1/contacts/export')).status).toBe(401);
    const viewer = await t.member('viewer');
    expect((await get(t, '/api/v1/contacts/export', viewer.token)).statusCode).toBe(200);
  });

  roundTrip(t);
});

/** Export to vCard and CSV, import both into a fresh database: the same contacts. */
function roundTrip(t: TestContext) {
  let fresh: FreshDatabase;
  let db: Db;
  let app: FastifyInstance;
  let auth: Record<string, string>;
  beforeAll(async () => {
    fresh = await freshDatabase(t.dialect);
    db = connect(fresh.url);
    await migrateToLatest(db);
    app = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 's' });
    auth = await adminHeaders(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await fresh?.drop();
  });

  const snapshot = async (k: Db) =>
    (
      await k.kysely
        .selectFrom('contacts')
        .leftJoin('companies', 'companies.company_id', 'contacts.company_id')
        .select(['first_name', 'last_name', 'email', 'contacts.phone', 'company_name'])
        .orderBy('email')
        .execute()
    ).map((r) => ({ ...r, email: r.email?.toLowerCase() ?? null }));

  for (const format of ['csv', 'vcf'] as const) {
    it(`round trip through ${format}: a fresh database gets the same contacts, and a second import skips them all`, async () => {
      await db.kysely.deleteFrom('interactions').execute();
      await db.kysely.deleteFrom('contacts').execute();
      const file = await get(t, `/api/v1/contacts/export?format=${format}`);
      const send = async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/imports?entity=contacts',
          headers: { ...auth, 'content-type': format === 'csv' ? 'text/csv' : 'text/vcard' },
          payload: file.rawPayload,
        });
        expect(res.statusCode).toBe(202);
        const id = res.json().import_id;
        for (;;) {
          const job = (await app.inject({ url: `/api/v1/imports/${id}`, headers: auth })).json();
          if (job.status === 'done' || job.status === 'failed') return job;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const first = await send();
      expect(first).toMatchObject({ status: 'done', failed: 0 });
      const source = await snapshot(t.db);
      expect(await snapshot(db)).toEqual(source);
      const again = await send();
      expect(again).toMatchObject({ status: 'done', created: 0, skipped: source.length });
    });
  }
}
