// The batched write path of contacts imports (batch-writer.ts) gives each row the outcome the
// row-by-row path gives, writes what a single create writes, and falls back to row by row when the
// group insert fails.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { timestampParam } from '../db/dialect.js';
import { wordsOf } from '../search/search-words.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { contactByEmail, runImport, sendImport, waitForImport } from '../test/import-helpers.js';

describeEachDialect('imports: contacts written a batch at a time', (t) => {
  const csv = (rows: string[]) => ['First Name,Last Name,Email,Company,Notes', ...rows].join('\n');

  it('gives every row of a batch the outcome of the row-by-row rules, in file order', async () => {
    const u = uniq();
    const known = await t.api('POST', '/api/v1/contacts', { first_name: 'Known', email: `known.${u}@ex.fr` });
    const firm = await t.api('POST', '/api/v1/companies', { company_name: `Firme ${u}` });
    expect([known.status, firm.status]).toEqual([201, 201]);
    const file = csv([
      `Anne,Batch,anne.${u}@ex.fr,Neuve ${u},Première note`, // 2 created, new company, a note
      `Bruno,Batch,bruno.${u}@ex.fr,NEUVE ${u},`, // 3 created, the same new company
      `Known,Again,KNOWN.${u}@ex.fr,,`, // 4 skipped: in the database
      `Anne,Twice,Anne.${u}@EX.fr,,`, // 5 skipped: row 2 of this batch
      `Eve,Sansmail${u},,,`, // 6 created, no email
      `,,not-an-email,,`, // 7 failed: nothing but a bad email names the person
      `Gina,Batch,gina.${u}@ex.fr,firme ${u},`, // 8 created, existing company
      `Eve,Sansmail${u},,,`, // 9 skipped: namesake of row 6
    ]);
    // a dry run shows each row's outcome (and writes nothing); then the real run
    const dry = await runImport(t, file, { query: { dry_run: 'true' } });
    expect(dry.preview.map((p: { row: number; action: string }) => [p.row, p.action])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'skipped'],
      [5, 'skipped'],
      [6, 'created'],
      [7, 'failed'],
      [8, 'created'],
      [9, 'skipped'],
    ]);
    expect(await contactByEmail(t, `anne.${u}@ex.fr`)).toBeUndefined();
    expect(await companyId(`neuve ${u}`)).toBeUndefined();
    const job = await runImport(t, file);
    expect(job).toMatchObject({ status: 'done', created: 4, skipped: 3, failed: 1 });
    expect(job.errors).toMatchObject([{ row: 7, field: 'email' }]);
    const anne = await contactByEmail(t, `anne.${u}@ex.fr`);
    const bruno = await contactByEmail(t, `bruno.${u}@ex.fr`);
    const gina = await contactByEmail(t, `gina.${u}@ex.fr`);
    expect(await contactByEmail(t, `known.${u}@ex.fr`)).toMatchObject({
      contact_id: known.body.contact_id,
      first_name: 'Known',
    });
    // one company for both spellings, named as the first row wrote it; the existing one reused
    expect(anne?.company_name).toBe(`Neuve ${u}`);
    expect(bruno?.company_name).toBe(`Neuve ${u}`);
    expect(gina?.company_name).toBe(`Firme ${u}`);
    const companies = await t.db.kysely
      .selectFrom('companies')
      .select('company_id')
      .where('name_key', 'in', [`neuve ${u}`, `firme ${u}`])
      .execute();
    expect(companies).toHaveLength(2);
    const note = await t.db.kysely
      .selectFrom('interactions')
      .select(['notes', 'interaction_type'])
      .where('contact_id', '=', anne?.contact_id as number)
      .execute();
    expect(note).toEqual([{ notes: 'Première note', interaction_type: 'note' }]);

    // what a single create writes: the owner, search words, one audit entry a record
    const created = await t.db.kysely
      .selectFrom('contacts')
      .select(['contact_id', 'search_text', 'owner_id'])
      .where((eb) => eb.or([eb('email_key', 'like', `%.${u}@ex.fr`), eb('last_name', '=', `Sansmail${u}`)]))
      .where('contact_id', '!=', known.body.contact_id)
      .execute();
    expect(created).toHaveLength(4);
    for (const c of created) {
      expect(c.owner_id).toBe(t.admin.user_id);
      const words = await t.db.kysely
        .selectFrom('search_words')
        .select('word')
        .where('resource', '=', 'contacts')
        .where('record_id', '=', c.contact_id)
        .execute();
      expect(words.map((w) => w.word).sort()).toEqual(wordsOf(c.search_text).sort());
      const audit = await t.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'user_id', 'changes'])
        .where('resource', '=', 'contacts')
        .where('record_id', '=', c.contact_id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'create', user_id: t.admin.user_id });
      expect(JSON.parse(String(audit[0].changes))).toHaveProperty('contact_id');
    }
    const companyAudit = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('resource', '=', 'companies')
      .where('record_id', '=', Number(await companyId(`neuve ${u}`)))
      .execute();
    expect(companyAudit).toEqual([{ action: 'create' }]);
  });

  it('a batch larger than one statement and rows spread over several batches keep every row', async () => {
    const u = uniq();
    // some rows without a phone: rows naming other columns go in other statements
    const rows = Array.from({ length: 1234 }, (_, i) =>
      [
        `P${i}`,
        `Lot${u}`,
        `lot.${i}.${u}@ex.fr`,
        i % 7 === 0 ? '' : `0${600000000 + i}`,
        i % 3 ? `Lot Co ${u} ${i % 5}` : '',
      ].join(','),
    );
    rows.splice(600, 0, `P600,Lot${u},lot.5.${u}@ex.fr,,`); // a duplicate in the second batch
    const file = ['First Name,Last Name,Email,Phone,Company', ...rows].join('\n');
    const job = await runImport(t, file);
    expect(job).toMatchObject({ status: 'done', created: 1234, skipped: 1, failed: 0 });
    const n = await t.db.kysely
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('last_name', '=', `Lot${u}`)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1234);
    const firms = await t.db.kysely
      .selectFrom('companies')
      .select('company_name')
      .where('company_name', 'like', `Lot Co ${u}%`)
      .execute();
    expect(firms).toHaveLength(5);
    const p7 = await contactByEmail(t, `lot.7.${u}@ex.fr`);
    expect(p7).toMatchObject({ first_name: 'P7', phone: null, company_name: `Lot Co ${u} 2` });
    const p8 = await contactByEmail(t, `lot.8.${u}@ex.fr`);
    expect(p8).toMatchObject({ first_name: 'P8', phone: '0600000008', company_name: `Lot Co ${u} 3` });
  });

  it.skipIf(t.dialect === 'sqlite')(
    'a contact another connection inserts meanwhile: the group insert fails, the rows are written one by one',
    async () => {
      const u = uniq();
      const racer = `racer.${u}@ex.fr`;
      const other = await t.db.kysely.startTransaction().execute();
      try {
        await other
          .insertInto('contacts')
          .values({
            first_name: 'Racer',
            email: racer,
            email_key: racer,
            search_text: ' racer ',
            created_at: timestampParam(t.dialect, new Date().toISOString()),
            updated_at: timestampParam(t.dialect, new Date().toISOString()),
          })
          .execute();
        const sent = await sendImport(
          t,
          csv([`A,Race,a.${u}@ex.fr,,`, `R,Race,${racer},,`, `B,Race,b.${u}@ex.fr,,`]),
        );
        expect(sent.status).toBe(202);
        // the import now waits on the unique index for the other transaction: let that one commit
        await waitForLockWait();
        await other.commit().execute();
      } finally {
        if (!other.isCommitted) await other.rollback().execute();
      }
      const jobs = await t.db.kysely
        .selectFrom('imports')
        .select('import_id')
        .orderBy('import_id', 'desc')
        .limit(1)
        .execute();
      const job = await waitForImport(t, jobs[0].import_id);
      expect(job).toMatchObject({ status: 'done', created: 2 });
      // PostgreSQL's next statement sees the committed row (skipped); MariaDB's snapshot does not,
      // and its insert meets the row as a duplicate: either way nothing is lost or doubled
      expect(job.skipped + job.failed).toBe(1);
      for (const email of [`a.${u}@ex.fr`, `b.${u}@ex.fr`])
        expect(await contactByEmail(t, email)).toBeDefined();
      const racers = await t.db.kysely
        .selectFrom('contacts')
        .select('first_name')
        .where('email_key', '=', racer)
        .execute();
      expect(racers).toEqual([{ first_name: 'Racer' }]);
    },
  );

  async function companyId(key: string) {
    const r = await t.db.kysely
      .selectFrom('companies')
      .select('company_id')
      .where('name_key', '=', key)
      .executeTakeFirst();
    return r?.company_id;
  }

  /** Until the import's insert waits for the other transaction. */
  async function waitForLockWait() {
    const query =
      t.dialect === 'postgres'
        ? sql<{ n: number }>`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock'`
        : // MariaDB shows the waiting insert among the running statements (not always in innodb_trx)
          sql<{ n: number }>`select count(*) as n from information_schema.processlist
            where info like 'insert into ${sql.raw('`contacts`')}%' and state = 'Update'`;
    for (let i = 0; i < 500; i++) {
      const { rows } = await query.execute(t.db.kysely);
      if (Number(rows[0].n) > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the import never waited for the other transaction');
  }
});
