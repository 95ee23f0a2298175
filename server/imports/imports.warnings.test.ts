// Class 2 of issue 14 (ADR 015): a value a row cannot use is set aside into the contact's notes with
// a warning; the contact and what is valid are kept. Only a row with nothing naming a person fails.
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';
import { contactByEmail, fixture, runImport } from '../test/import-helpers.js';

describeEachDialect('imports: rows keep what they can', (t) => {
  const notesOf = async (contactId: number) =>
    (
      await t.db.kysely
        .selectFrom('interactions')
        .select('notes')
        .where('contact_id', '=', contactId)
        .execute()
    ).map((r) => r.notes);
  const byName = (first: string) =>
    t.db.kysely.selectFrom('contacts').selectAll().where('first_name', '=', first).executeTakeFirstOrThrow();

  it('a check (dry run) shows the warnings in its preview and counts them', async () => {
    const job = await runImport(t, fixture('warnings.csv'), { query: { dry_run: 'true' } });
    expect(job).toMatchObject({ status: 'done', created: 3, failed: 1, warnings: 3 });
    const anna = job.preview.find((p: { row: number }) => p.row === 2);
    expect(anna.action).toBe('created');
    expect(anna.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email', code: 'invalid_email' })]),
    );
  });

  it('CSV: words for a phone, an email without a dot, a date that does not exist → warnings, not failures', async () => {
    const job = await runImport(t, fixture('warnings.csv'));
    expect(job).toMatchObject({ status: 'done', created: 3, failed: 1, warnings: 3 });

    const anna = await byName('Anna');
    expect(anna).toMatchObject({ last_name: 'Bauer', email: null, phone: '+49 170 1234567' });
    const annaNotes = (await notesOf(anna.contact_id as number)).join('\n');
    expect(annaNotes).toContain('Met in Berlin');
    expect(annaNotes).toContain('E-mail : contact1@invalid');
    expect(annaNotes).toContain('BusinessPhone');

    // the tel: URI becomes a readable number with its extension, in the widened column
    const ben = await contactByEmail(t, 'ben.clark@example.com');
    expect(ben).toMatchObject({ first_name: 'Ben', phone: '+1 555 555 5555 ext. 5555' });
    const benNotes = (await notesOf(ben?.contact_id as number)).join('\n');
    for (const raw of ['primary 8', '勤務先電話', 'not a date']) expect(benNotes).toContain(raw);

    const chloe = await contactByEmail(t, 'chloe@example.fr');
    expect(chloe).toMatchObject({ first_name: 'Chloé', phone: '01 23 45 67 89' });

    const warnings = job.errors.filter((e: { severity: string }) => e.severity === 'warning');
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, field: 'email', code: 'invalid_email' }),
        expect.objectContaining({ row: 2, code: 'not_a_phone' }),
        expect.objectContaining({ row: 3, field: 'birthday', code: 'invalid_date' }),
        expect.objectContaining({ row: 5, field: 'birthday', code: 'invalid_date' }),
      ]),
    );
    // the row with no name and no usable email: refused, with the reason
    const failures = job.errors.filter((e: { severity: string }) => e.severity === 'error');
    expect(failures).toEqual([expect.objectContaining({ row: 4, field: 'email', code: 'invalid_email' })]);

    const page = await t.app.inject({
      url: `/api/v1/imports/${job.import_id}/errors?severity=warning`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(page.statusCode).toBe(200);
    expect(page.json().data.every((e: { severity: string }) => e.severity === 'warning')).toBe(true);
    expect(page.json().codes).toContainEqual({ code: 'not_a_phone', severity: 'warning', count: 3 });

    for (const [lang, word, failed] of [
      ['en', 'Warning (row imported', 'Reason refused'],
      ['fr', 'Avertissement (ligne importée', 'Motif du refus'],
    ]) {
      const csv = await t.app.inject({
        url: `/api/v1/imports/${job.import_id}/errors.csv?lang=${lang}`,
        headers: { authorization: `Bearer ${t.admin.token}` },
      });
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.split('\r\n').filter((l) => l !== '');
      expect(lines[0]).toContain(failed);
      // the three warned rows and the failed one, each once
      expect(lines).toHaveLength(5);
      expect(csv.body).toContain(word);
    }
  });

  it('vCard: the same rule (an unusable TEL and EMAIL set aside, a tel: URI made readable)', async () => {
    const job = await runImport(t, fixture('warnings.vcf'));
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 0, warnings: 1 });
    const hanako = await byName('Hanako');
    expect(hanako).toMatchObject({ last_name: 'Sato', email: null, phone: '+81 90-1234-5678' });
    const notes = (await notesOf(hanako.contact_id as number)).join('\n');
    expect(notes).toContain('Met in Tokyo');
    expect(notes).toContain('contact1@invalid');
    expect(notes).toContain('BusinessPhone');
    expect(await contactByEmail(t, 'dan.evans@example.com')).toMatchObject({
      phone: '+1 555 555 5555 ext. 5555',
    });
  });

  it('an update keeps what it can too: the warning is reported on the updated row', async () => {
    await runImport(t, 'First Name,Email\nZed,zed@example.com\n');
    const job = await runImport(
      t,
      'First Name,Email,Phone,Birthday\nZed,zed@example.com,Call me,31/02/1980\n',
      {
        query: { on_duplicate: 'update' },
      },
    );
    expect(job).toMatchObject({ status: 'done', updated: 0, skipped: 1, failed: 0, warnings: 1 });
  });
});
