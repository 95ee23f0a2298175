// Class 3 and 6 of issue 14: CSV files as each exporter writes them (its header row, its language,
// its character set), imported with no mapping. Fixtures: fixtures/exporters/.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';

const file = (name: string) => readFileSync(new URL(`./fixtures/exporters/${name}`, import.meta.url));

async function contact(t: TestContext, email: string) {
  const res = await t.api('GET', `/api/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  return res.body.data[0];
}

const numbers = (c: { phones?: { label: string; number: string }[] }) =>
  (c.phones ?? []).map((p) => `${p.label}: ${p.number}`).sort();

describeEachDialect('imports: each exporter’s CSV, its headers and its character set', (t) => {
  it('Outlook in Japanese, Shift_JIS: detected, 勤務先電話 a work phone, 携帯電話 the primary', async () => {
    const job = await runImport(t, file('outlook-ja.csv'));
    expect(job.detected).toMatchObject({ encoding: 'shift_jis', encoding_confidence: expect.any(Number) });
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 0, warnings: 1 });
    expect(job.errors).toEqual([
      expect.objectContaining({ row: 3, severity: 'warning' }),
      expect.objectContaining({ row: 3, severity: 'warning' }),
    ]);
    const c = await contact(t, 'taro.yamada@sample.co.jp');
    expect(c).toMatchObject({
      first_name: '太郎',
      last_name: '山田',
      phone: '090-1234-5678',
      job_title: '部長',
      city: '千代田区',
      region: '東京都',
      postal_code: '100-0001',
      country: '日本',
      birthday: '1980-04-01',
    });
    expect(numbers(c)).toEqual(['other: 03-1234-5679', 'work: 03-1234-5670', 'work: 03-1234-5678']);
    expect(c.emails).toEqual([{ label: 'other', email: 'taro@home.example.jp' }]);
    // 花子's "BusinessPhone" and email without a dot: set aside, she is imported
    const hanako = await t.db.kysely
      .selectFrom('contacts')
      .select(['first_name', 'email', 'phone'])
      .where('last_name', '=', '佐藤')
      .executeTakeFirst();
    expect(hanako).toEqual({ first_name: '花子', email: null, phone: null });
  });

  it('the encoding named by the person importing wins over the guess', async () => {
    const job = await runImport(t, file('outlook-ru.csv'), {
      query: { encoding: 'windows-1252', dry_run: 'true' },
    });
    expect(job.detected.encoding).toBe('windows-1252');
    expect(job.detected.encoding_confidence).toBeUndefined();
    // read as asked: the Cyrillic as Western European letters
    expect(job.preview[0].values.first_name).toBe('Èâàí');
    // not a name in the list: a 400 naming the parameter
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?entity=contacts&encoding=ebcdic',
      headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'text/csv' },
      payload: 'a,b\n',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('Outlook (English headers) in Windows-1251: Cyrillic names read right', async () => {
    const job = await runImport(t, file('outlook-ru.csv'));
    expect(job.detected.encoding).toBe('windows-1251');
    expect(await contact(t, 'ivan.petrov@romashka.example.ru')).toMatchObject({
      first_name: 'Иван',
      last_name: 'Петров',
    });
  });

  it('UTF-16 without a byte order mark', async () => {
    const job = await runImport(t, file('utf16-nobom.csv'));
    expect(job.detected).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(await contact(t, 'zoe@example.pl')).toMatchObject({ first_name: 'Zoë', last_name: 'Łukasiewicz' });
  });

  it('Thunderbird in German (Windows-1252): Mobil-Tel.-Nr. the primary, Tel. dienstlich/privat, Fax labelled', async () => {
    const job = await runImport(t, file('thunderbird-de.csv'));
    expect(job).toMatchObject({ status: 'done', created: 1, failed: 0 });
    const c = await contact(t, 'juergen.mueller@firma.example.de');
    expect(c).toMatchObject({
      first_name: 'Jürgen',
      last_name: 'Müller',
      phone: '+49 171 2345678',
      job_title: 'Einkaufsleiter',
      street: 'Hauptstraße 5',
      city: 'Berlin',
      postal_code: '10115',
      country: 'Deutschland',
    });
    expect(numbers(c)).toEqual(['home: +49 30 7654321', 'other: +49 30 1234568', 'work: +49 30 1234567']);
  });

  it('Outlook in Spanish, Italian, Portuguese and Dutch (Windows-1252)', async () => {
    const cases: [string, string, Record<string, unknown>, string[]][] = [
      [
        'outlook-es.csv',
        'jose.garcia@iberica.example.es',
        {
          first_name: 'José',
          last_name: 'García Pérez',
          phone: '+34 612 345 678',
          job_title: 'Director comercial',
          city: 'Madrid',
          birthday: '1975-06-15',
          tags: ['Clientes'],
        },
        ['home: +34 91 765 43 21', 'work: +34 91 123 45 67'],
      ],
      [
        'outlook-it.csv',
        'niccolo.bianchi@societa.example.it',
        {
          first_name: 'Niccolò',
          last_name: 'Bianchi',
          phone: '+39 333 1234567',
          job_title: 'Responsabile acquisti',
          city: 'Milano',
          postal_code: '20121',
        },
        ['work: +39 02 1234567'],
      ],
      [
        'outlook-pt.csv',
        'joao.conceicao@comercio.example.br',
        {
          first_name: 'João',
          last_name: 'Conceição',
          phone: '+55 11 91234-5678',
          job_title: 'Gerente',
          city: 'São Paulo',
          tags: ['Fornecedores'],
        },
        ['work: +55 11 3123-4567'],
      ],
      [
        'outlook-nl.csv',
        'sanne.devries@handel.example.nl',
        {
          first_name: 'Sanne',
          last_name: 'de Vries',
          phone: '+31 6 12345678',
          job_title: 'Inkoper',
          city: 'Amsterdam',
          postal_code: '1015 AA',
        },
        ['work: +31 20 123 4567'],
      ],
    ];
    for (const [name, email, fields, phones] of cases) {
      const job = await runImport(t, file(name));
      expect(job, name).toMatchObject({ status: 'done', created: 1, failed: 0, warnings: 0 });
      expect(job.detected.encoding, name).toBe('windows-1252');
      const c = await contact(t, email);
      expect(c, name).toMatchObject(fields);
      expect(numbers(c), name).toEqual(phones);
    }
  });

  it('Google with "Phone 1 - Type"/"- Value" pairs, Zoho, and Apple through an exporter', async () => {
    await runImport(t, file('google-types.csv'));
    const g = await contact(t, 'ngozi@work.example.ng');
    expect(g).toMatchObject({
      first_name: 'Ngozi',
      phone: '+234 803 123 4567',
      job_title: 'CEO',
      city: 'Lagos',
    });
    expect(numbers(g)).toEqual(['work: +234 1 234 5678', 'work: +234 1 234 5679']);
    expect(g.emails).toEqual([{ label: 'home', email: 'ngozi@home.example.ng' }]);

    await runImport(t, file('zoho-contacts.csv'));
    const z = await contact(t, 'priya@ramanexports.example.in');
    expect(z).toMatchObject({
      first_name: 'Priya',
      phone: '+91 22 1234 5678',
      street: '12 Marine Drive',
      city: 'Mumbai',
      birthday: '1985-03-14',
      source: 'Trade Show',
      tags: ['VIP'],
    });
    expect(numbers(z)).toEqual(['mobile: +91 98765 43210']);

    await runImport(t, file('apple-exporter.csv'));
    const a = await contact(t, 'lea@atelier.example.fr');
    expect(a).toMatchObject({ first_name: 'Léa', job_title: 'Gérante', phone: '+33 1 44 55 66 77' });
    expect(numbers(a)).toEqual(['mobile: +33 6 11 22 33 44']);
    expect(a.emails).toEqual([{ label: 'home', email: 'lea.martin@maison.example.fr' }]);
  });
});
