// The vCard reader on its own (no database, one run): the fixtures of issue 14's classes as real
// writers write them, hostile nesting, and a large generated file read through bounded buffers.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SourceRecord } from './csv-reader.js';
import { openSource } from './source.js';
import { newLineStats } from './vcard-lines.js';
import { readVcardStream, readVcardText } from './vcard-reader.js';

const path = (name: string) => fileURLToPath(new URL(`./fixtures/vcard/${name}`, import.meta.url));

async function read(name: string, encoding?: string) {
  const source = await openSource(path(name), 'contacts', {}, undefined, [], encoding);
  const records: SourceRecord[] = [];
  for await (const r of source.records()) records.push(r);
  // the count that refuses files over the row limit agrees with what is read
  expect(await source.count()).toBe(records.length);
  return { detected: source.detected, records, fields: records.map((r) => r.fields) };
}

const byEmail = (fields: Record<string, string | undefined>[], email: string) =>
  fields.find((f) => f.email === email);

describe('vCard reader: issue 14 classes', () => {
  it('class 1: text values are text (commas, colons, semicolons); structured ones split by their own rule', async () => {
    const { fields } = await read('text-values.vcf');
    expect(byEmail(fields, 'jan.kowalski@text21.example')).toMatchObject({
      job_title: 'Sales Director, EMEA',
      company_name: 'Kowalski, Nowak & Partners',
      notes: '17.02.2016, 19:18 - XING - http://www.xing.com/profile/Jan_Kowalski',
    });
    expect(byEmail(fields, 'siobhan@text30.example')).toMatchObject({
      first_name: 'Siobhán',
      company_name: 'Smith, Jones & Co.',
      job_title: 'Partner, Litigation',
      notes:
        'Met at the Dublin fair, stand 4: prefers mornings; call first.\nSecond line, with a backslash \\ and a path C:\\Temp.',
      street: 'Suite 5, Floor 2\n12 Merrion Square',
      city: 'Dublin',
      country: 'Ireland',
      tags: 'Clients, Legal, Ireland',
    });
    expect(byEmail(fields, 'anna.schmidt@text30b.example')?.notes).toBe(
      '17.02.2016, 19:18 - XING - http://www.xing.com/profile/Anna_Schmidt, Kontakt über Messe',
    );
    expect(byEmail(fields, 'lea.martin@text40.example')).toMatchObject({
      job_title: 'Responsable achats, région Ouest',
      notes: 'Rappeler le 3, 4 ou 5 mars ; devis n°12,5 % : OK.',
    });
  });

  it('class 3: CHARSET on any property, with or without quoted-printable', async () => {
    const { fields } = await read('charsets.vcf');
    expect(byEmail(fields, 'taro.yamada@charset-sjis.example')).toMatchObject({
      last_name: '山田',
      first_name: '太郎',
      // ソ and 表 end in the byte of a backslash in Shift_JIS: decoded before any unescaping
      company_name: '株式会社表示ソフト',
      notes: 'ソフト開発の件、来週電話。予算は十分。',
    });
    expect(byEmail(fields, 'jiri.dvorak@charset-latin2.example')).toMatchObject({
      last_name: 'Dvořák',
      first_name: 'Jiří',
      company_name: 'Škoda Účetnictví, s.r.o.',
    });
    expect(byEmail(fields, 'petr.ivanov@charset-koi8.example')).toMatchObject({
      last_name: 'Иванов',
      first_name: 'Пётр',
      notes: 'Позвонить в понедельник, обсудить заказ.',
    });
    expect(byEmail(fields, 'olena@charset-1251.example')).toMatchObject({
      last_name: 'Петренко',
      job_title: 'Головний бухгалтер',
    });
    expect(byEmail(fields, 'lukasz@charset-1250.example')).toMatchObject({
      last_name: 'Wójcik',
      first_name: 'Łukasz',
      company_name: 'Café Müller - 5 €',
      notes: 'Livraison « rapide » – 10 €',
    });
    // what Outlook calls ISO-8859-1 is Windows-1252: € – “ ”
    expect(byEmail(fields, 'noel@charset-latin1.example')).toMatchObject({
      last_name: 'Lefèvre',
      first_name: 'Noël',
      notes: 'Prix € 10 – “spécial”',
    });
    expect(byEmail(fields, 'zoe@charset-utf8.example')).toMatchObject({
      last_name: 'Łukasiewicz',
      notes: 'Ünïcödé ✓',
    });
  });

  it('class 3: whole files in UTF-16 (with and without a BOM), Shift_JIS (raw or quoted-printable) and KOI8-R', async () => {
    for (const [name, encoding, domain] of [
      ['utf16le-bom.vcf', 'utf-16le', 'utf16.example'],
      ['utf16be.vcf', 'utf-16be', 'utf16be.example'],
    ]) {
      const { detected, fields } = await read(name);
      expect(detected.encoding).toBe(encoding);
      expect(byEmail(fields, `juergen@${domain}`)).toMatchObject({
        last_name: 'Müller',
        company_name: 'Bäckerei Müller GmbH',
        notes: 'Grüße aus Köln – 10 €, bis bald.',
      });
      expect(byEmail(fields, `hanako@${domain}`)).toMatchObject({ last_name: '鈴木', first_name: '花子' });
    }
    const sjis = await read('shift-jis.vcf');
    expect(sjis.detected.encoding).toBe('shift_jis');
    expect(sjis.fields[0]).toMatchObject({
      last_name: '佐藤',
      company_name: 'ソニー表計算株式会社',
      notes: '来週の打ち合わせ、資料を準備する。ソフトの表示も確認。',
    });
    // an old phone's: quoted-printable Shift_JIS without a CHARSET, the file itself ASCII
    const qp = await read('qp-shift-jis.vcf');
    expect(qp.detected.encoding).toBe('shift_jis');
    expect(qp.fields[1]).toMatchObject({ last_name: '渡辺', notes: '表計算ソフトの件で電話。' });
    const koi = await read('koi8-r.vcf');
    expect(koi.detected.encoding).toBe('koi8-r');
    expect(koi.fields[0]).toMatchObject({
      last_name: 'Смирнова',
      company_name: 'ООО Ромашка',
      notes: 'Позвонить во вторник, обсудить поставку и цены на следующий год.',
    });
    // the encoding named by the person importing wins over the guess (here a wrong one, on purpose)
    const named = await read('koi8-r.vcf', 'windows-1251');
    expect(named.detected.encoding).toBe('windows-1251');
    expect(named.fields[0].last_name).not.toBe('Смирнова');
    expect((await read('koi8-r.vcf', 'koi8-r')).fields[0].last_name).toBe('Смирнова');
  });

  it('class 4: folds and soft line breaks joined on bytes, inside UTF-8 characters too', async () => {
    const { detected, fields } = await read('folding.vcf');
    expect(detected.encoding).toBe('utf-8');
    expect(byEmail(fields, 'amelie.gautier@fold30.example')).toMatchObject({
      notes:
        'Réunion à Besançon le 12 février : prévoir café, crêpes et thé. 会議の資料を準備してください。 Emoji 🎉🎉 fin, merci.',
      company_name: 'Société Générale de Télécommunications et d’Électricité Réunies',
    });
    expect(byEmail(fields, 'angel@fold40.example')).toMatchObject({
      last_name: 'Gómez-Núñez',
      first_name: 'Ángel',
      full_name: 'Ángel Gómez-Núñez de la Peña y Ñandú, Señor Director General Adjunto',
    });
    expect(byEmail(fields, 'mikko@fold21.example')).toMatchObject({
      job_title: 'Regional Manager, Nordics',
      notes: 'Call back about the Helsinki order, 2 pallets.',
    });
    expect(byEmail(fields, 'cafe@fold-qp.example')).toMatchObject({
      last_name: 'François',
      first_name: 'Café',
      notes: 'Café crème, thé – très bien.\nDéuxième ligne, fin.',
    });
    expect(byEmail(fields, 'zofia@fold-lf.example')?.notes).toBe(
      'Ça été très agréable de vous rencontrer à Genève ; à bientôt, Žofia Škrtić.',
    );
  });

  it('class 5: AGENT cards (inline, "AGENT:BEGIN:VCARD", escaped) and Apple group labels', async () => {
    const { records, fields } = await read('agents-groups.vcf');
    // John's agent has no email of its own: a line of John's notes, no contact
    expect(byEmail(fields, 'john.smith@agent21.example')).toMatchObject({
      last_name: 'Smith',
      phone: '+1-213-555-1234',
      notes: 'Prefers email.\n\nAgent: Fred Friday, +1-213-555-1235',
    });
    expect(fields.some((f) => f.last_name === 'Friday')).toBe(false);
    // Mary's and John Stevenson's agents have their own email: contacts too, and noted
    expect(byEmail(fields, 'mary.jones@agent-inline.example')).toMatchObject({
      job_title: 'Buyer',
      notes: 'Agent: Susan Thomas, +1-919-555-0101, susan.thomas@agent-own.example',
    });
    const susan = records.find((r) => r.fields.email === 'susan.thomas@agent-own.example');
    expect(susan).toMatchObject({ row: 24, fields: { last_name: 'Thomas', phone: '+1-919-555-0101' } });
    expect(byEmail(fields, 'sthomas@agent30-own.example')).toMatchObject({
      full_name: 'Susan Thomas',
      phone: '+1-919-555-1234',
    });
    expect(byEmail(fields, 'john.stevenson@agent30.example')?.notes).toMatch(/^Agent: Susan Thomas/);
    expect(records).toHaveLength(6);
    expect(records.every((r) => !r.error)).toBe(true);
    expect(byEmail(fields, 'claire@apple-groups.example')).toMatchObject({
      phone: '+33 1 23 45 67 89',
      phones: 'mobile: 06 11 22 33 44; other: 01 98 76 54 32',
      emails: 'Comptabilité: compta@apple-groups.example; home: claire.perso@apple-groups.example',
      street: '1 rue de Rivoli',
      city: 'Paris',
      linkedin_url: 'https://www.linkedin.com/in/claire-durand',
    });
  });

  it('an agent inside an agent inside an agent… stops nesting; a card without END still fails alone', async () => {
    const deep = `${'BEGIN:VCARD\r\nVERSION:2.1\r\nN:Deep;X\r\nAGENT:\r\n'.repeat(50)}${'END:VCARD\r\n'.repeat(50)}`;
    const read = await readVcardText(`${deep}BEGIN:VCARD\r\nVERSION:3.0\r\nFN:After\r\nEND:VCARD\r\n`);
    expect(read.at(-1)).toMatchObject({ full_name: 'After' });
    const cut = await readVcardText(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Next\r\nEND:VCARD\r\n',
    );
    expect(cut).toEqual([{}, { full_name: 'Next' }]);
    // two files pasted together, each with its byte order mark
    const one = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One\r\nEND:VCARD\r\n';
    const pasted = Buffer.concat([
      Buffer.from(`\ufeff${one}`),
      Buffer.from(`\ufeff${one.replace('One', 'Two')}`),
    ]);
    const both: SourceRecord[] = [];
    for await (const r of readVcardStream([pasted], { name: 'utf-8', values: 'utf-8', utf16: false }))
      both.push(r);
    expect(both.map((r) => r.fields.full_name)).toEqual(['One', 'Two']);
  });
});

describe('vCard reader: hostile lines', () => {
  it('a 3 MiB line without a colon, or of a skipped property, is passed over; a kept one past 1 MiB fails', async () => {
    const stats = newLineStats();
    const file = [
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kept Card\r\n',
      `${'x'.repeat(3 * 1024 * 1024)}\r\n`,
      `X-JUNK;ENCODING=QUOTED-PRINTABLE:${'=41'.repeat(1024 * 1024)}=\r\n${'y'.repeat(1000)}\r\n`,
      `LOGO;ENCODING=b:${'B'.repeat(3 * 1024 * 1024)}\r\n`,
      'NOTE:after\\, all\r\nEND:VCARD\r\n',
    ].map((x) => Buffer.from(x));
    const out: SourceRecord[] = [];
    for await (const r of readVcardStream(file, { name: 'utf-8', values: 'utf-8', utf16: false }, { stats }))
      out.push(r);
    expect(out).toEqual([{ row: 1, fields: { full_name: 'Kept Card', notes: 'after, all' } }]);
    expect(stats.maxLineBytes).toBeLessThan(100);
    const long = readVcardText(
      `BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:${'z'.repeat(1024 * 1024 + 1)}\r\nEND:VCARD\r\n`,
    );
    await expect(long).rejects.toMatchObject({ code: 'line_too_long' });
    // folded past 1 MiB: that card fails alone
    const folded = await readVcardText(
      `BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:a\r\n${' zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\r\n'.repeat(20_000)}END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Next\r\nEND:VCARD\r\n`,
    );
    expect(folded).toEqual([{}, { full_name: 'Next' }]);
  });
});

describe('vCard reader: memory', () => {
  it('a large file with big photos is read through bounded buffers: photos are never held', async () => {
    const photoLine = `PHOTO;ENCODING=BASE64;TYPE=JPEG:${'A'.repeat(2 * 1024 * 1024)}\r\n`;
    const folded = `PHOTO;ENCODING=b;TYPE=JPEG:${' QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n'.repeat(14_000)}`;
    const cards = 2000;
    const stats = newLineStats();
    // 2000 cards, one in 100 with a 2 MiB one-line photo or a 1 MiB folded one: ~60 MiB of bytes
    async function* file() {
      for (let i = 0; i < cards; i++) {
        let card = `BEGIN:VCARD\r\nVERSION:3.0\r\nN:Card;${i}\r\nEMAIL:card${i}@big.example\r\nNOTE:note ${i}\\, kept\r\n`;
        if (i % 100 === 1) card += photoLine;
        if (i % 100 === 2) card += folded;
        yield Buffer.from(`${card}END:VCARD\r\n`);
      }
    }
    // in 64 KiB pieces, as a file is read
    async function* chunks() {
      for await (const b of file()) for (let i = 0; i < b.length; i += 65536) yield b.subarray(i, i + 65536);
    }
    let n = 0;
    let lastNote = '';
    for await (const r of readVcardStream(
      chunks(),
      { name: 'utf-8', values: 'utf-8', utf16: false },
      { stats },
    )) {
      expect(r.error).toBeUndefined();
      n++;
      lastNote = r.fields.notes ?? '';
    }
    expect(n).toBe(cards);
    expect(lastNote).toBe(`note ${cards - 1}, kept`);
    expect(stats.physicalLines).toBeGreaterThan(cards * 6);
    // the longest line held is a property the importer reads, never a photo
    expect(stats.maxLineBytes).toBeLessThan(100);
  });
});
