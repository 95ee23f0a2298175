// Issue 14 (vCard side) through the API and the CLI: the fixtures of each class go in with nothing
// lost: text values whole, each property in its own charset, folds inside characters, AGENT cards
// and Apple's group labels, UTF-16 and Shift_JIS files.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { CliIo } from '../cli/io.js';
import { runCli } from '../cli/program.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { fixture, runImport } from '../test/import-helpers.js';

async function contact(t: TestContext, email: string) {
  const res = await t.api('GET', `/api/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  expect(res.body.data, email).toHaveLength(1);
  return res.body.data[0];
}

async function notesOf(t: TestContext, contactId: number) {
  const rows = await t.db.kysely
    .selectFrom('interactions')
    .select('notes')
    .where('contact_id', '=', contactId)
    .execute();
  return rows.map((r) => r.notes);
}

async function importVcard(t: TestContext, name: string) {
  const job = await runImport(t, fixture(`vcard/${name}`), { contentType: 'text/vcard' });
  expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'done', format: 'vcard', failed: 0 });
  return job;
}

describeEachDialect('imports: vCards as real writers write them (issue 14)', (t) => {
  it('class 1: notes, titles and companies with commas, colons and semicolons come through whole', async () => {
    const job = await importVcard(t, 'text-values.vcf');
    expect(job).toMatchObject({ total_rows: 4, created: 4 });
    const jan = await contact(t, 'jan.kowalski@text21.example');
    expect(jan).toMatchObject({ job_title: 'Sales Director, EMEA' });
    expect(await notesOf(t, jan.contact_id)).toEqual([
      '17.02.2016, 19:18 - XING - http://www.xing.com/profile/Jan_Kowalski',
    ]);
    const s = await contact(t, 'siobhan@text30.example');
    expect(s).toMatchObject({ first_name: 'Siobhán', job_title: 'Partner, Litigation', city: 'Dublin' });
    expect(await notesOf(t, s.contact_id)).toEqual([
      'Met at the Dublin fair, stand 4: prefers mornings; call first.\nSecond line, with a backslash \\ and a path C:\\Temp.',
    ]);
    const company = await t.db.kysely
      .selectFrom('companies')
      .select('company_name')
      .where('company_id', '=', s.company_id)
      .executeTakeFirstOrThrow();
    expect(company.company_name).toBe('Smith, Jones & Co.');
  });

  it('class 3: CHARSET per property, and whole files in UTF-16 and Shift_JIS', async () => {
    await importVcard(t, 'charsets.vcf');
    const taro = await contact(t, 'taro.yamada@charset-sjis.example');
    expect(taro).toMatchObject({ last_name: '山田', first_name: '太郎' });
    expect(await notesOf(t, taro.contact_id)).toEqual(['ソフト開発の件、来週電話。予算は十分。']);
    expect(await contact(t, 'jiri.dvorak@charset-latin2.example')).toMatchObject({
      last_name: 'Dvořák',
      first_name: 'Jiří',
    });
    expect(await contact(t, 'petr.ivanov@charset-koi8.example')).toMatchObject({ last_name: 'Иванов' });
    expect(await contact(t, 'olena@charset-1251.example')).toMatchObject({
      job_title: 'Головний бухгалтер',
    });
    expect(await contact(t, 'lukasz@charset-1250.example')).toMatchObject({ last_name: 'Wójcik' });
    const utf16 = await importVcard(t, 'utf16le-bom.vcf');
    expect(utf16.detected.encoding).toBe('utf-16le');
    expect(await contact(t, 'hanako@utf16.example')).toMatchObject({ last_name: '鈴木' });
    const sjis = await importVcard(t, 'shift-jis.vcf');
    expect(sjis.detected.encoding).toBe('shift_jis');
    expect(await contact(t, 'kenichi.sato@file-sjis.example')).toMatchObject({ last_name: '佐藤' });
  });

  it('class 4: folds and soft line breaks inside UTF-8 characters', async () => {
    await importVcard(t, 'folding.vcf');
    const a = await contact(t, 'amelie.gautier@fold30.example');
    expect(await notesOf(t, a.contact_id)).toEqual([
      'Réunion à Besançon le 12 février : prévoir café, crêpes et thé. 会議の資料を準備してください。 Emoji 🎉🎉 fin, merci.',
    ]);
    expect(await contact(t, 'angel@fold40.example')).toMatchObject({
      last_name: 'Gómez-Núñez',
      first_name: 'Ángel',
    });
    const qp = await contact(t, 'cafe@fold-qp.example');
    expect(qp).toMatchObject({ last_name: 'François', first_name: 'Café' });
    expect(await notesOf(t, qp.contact_id)).toEqual(['Café crème, thé – très bien.\nDéuxième ligne, fin.']);
  });

  it('class 5: an AGENT card is a contact only with an email of its own; Apple labels kept', async () => {
    const job = await importVcard(t, 'agents-groups.vcf');
    expect(job).toMatchObject({ total_rows: 6, created: 6 });
    const john = await contact(t, 'john.smith@agent21.example');
    expect(await notesOf(t, john.contact_id)).toEqual([
      'Prefers email.\n\nAgent: Fred Friday, +1-213-555-1235',
    ]);
    const fred = await t.db.kysely
      .selectFrom('contacts')
      .select('contact_id')
      .where('last_name', '=', 'Friday')
      .execute();
    expect(fred).toEqual([]);
    expect(await contact(t, 'susan.thomas@agent-own.example')).toMatchObject({
      first_name: 'Susan',
      last_name: 'Thomas',
    });
    expect(await contact(t, 'sthomas@agent30-own.example')).toMatchObject({ phone: '+1-919-555-1234' });
    const claire = await contact(t, 'claire@apple-groups.example');
    expect(claire.phones).toEqual([
      { label: 'mobile', number: '06 11 22 33 44' },
      { label: 'other', number: '01 98 76 54 32' },
    ]);
    expect(claire.emails).toEqual([
      { label: 'Comptabilité', email: 'compta@apple-groups.example' },
      { label: 'home', email: 'claire.perso@apple-groups.example' },
    ]);
  });

  it('a card with a 3 MiB photo on one line goes in (the photo is skipped, never held)', async () => {
    const email = 'photo.big@photo.example';
    const file = `BEGIN:VCARD\r\nVERSION:2.1\r\nN:Photo;Big\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:${'/9j/'.repeat(768 * 1024)}\r\nEMAIL;INTERNET:${email}\r\nNOTE:after the photo, kept\r\nEND:VCARD\r\n`;
    const job = await runImport(t, file, { contentType: 'text/x-vcard' });
    expect(job).toMatchObject({ status: 'done', created: 1, failed: 0 });
    const c = await contact(t, email);
    expect(await notesOf(t, c.contact_id)).toEqual(['after the photo, kept']);
  });

  it('the CLI reads the same files: UTF-16 vCard and AGENT cards', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => out.push(l), askSecret: async () => '' };
    const file = (name: string) => fileURLToPath(new URL(`./fixtures/vcard/${name}`, import.meta.url));
    expect(await runCli(['import', 'contacts', file('utf16be.vcf')], io, { DATABASE_URL: t.url })).toBe(0);
    expect(out.join('\n')).toMatch(/2 created, 0 updated, 0 skipped, 0 failed of 2 rows/);
    expect(out.join('\n')).toMatch(/vcard, utf-16be/);
    expect(await contact(t, 'juergen@utf16be.example')).toMatchObject({ last_name: 'Müller' });
  });
});
