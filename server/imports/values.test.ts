// Pure functions: no database, so one run (not one per dialect).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeMixed, sniff } from './decode.js';
import { cleanCell, headerScore, resolveMapping } from './mapping.js';
import {
  cleanEmail,
  cleanPhone,
  matchStage,
  parseAmountText,
  parseDateText,
  phoneProblem,
  splitFullName,
} from './values.js';
import { decodeQuotedPrintable } from './vcard-reader.js';

describe('import value parsing', () => {
  it.each([
    ['12 500,50 €', '12500.50'],
    ['€12,500.50', '12500.50'],
    ['1.234.567,8', '1234567.8'],
    ['1,234,567', '1234567'],
    ['1,5', '1.5'],
    ['12500.5 EUR', '12500.5'],
    ['12\u202f500', '12500'],
    ['douze', null],
    ['', null],
  ])('amount %j → %j', (raw, out) => expect(parseAmountText(raw)).toBe(out));

  it.each([
    ['2026-03-15', '2026-03-15'],
    ['2026-3-5 10:00', '2026-03-05'],
    ['15/03/2026', '2026-03-15'],
    ['03/15/2026', '2026-03-15'],
    ['05.04.2026', '2026-04-05'],
    ['31/02/2026', null],
    ['1980/4/1', '1980-04-01'],
    ['2026.03.15', '2026-03-15'],
    ['next week', null],
  ])('date %j → %j', (raw, out) => expect(parseDateText(raw)).toBe(out));

  it('splits names, cleans emails and phones', () => {
    expect(splitFullName('Hélène Dupré-Lefèvre')).toEqual({
      first_name: 'Hélène',
      last_name: 'Dupré-Lefèvre',
    });
    expect(splitFullName('Jean Paul  Sartre')).toEqual({ first_name: 'Jean Paul', last_name: 'Sartre' });
    expect(splitFullName('Dupré, Hélène')).toEqual({ first_name: 'Hélène', last_name: 'Dupré' });
    expect(splitFullName('Cher')).toEqual({ last_name: 'Cher' });
    expect(cleanEmail('Hélène <h@x.fr>')).toBe('h@x.fr');
    expect(cleanEmail('mailto:h@x.fr')).toBe('h@x.fr');
    expect(cleanPhone('tel:+33\u00a06 12 34 56 78')).toBe('+33 6 12 34 56 78');
    // 40 characters since migration 0023: a number with its extension fits as written
    expect(cleanPhone('+1 (555) 010-2030 ext. 12')).toBe('+1 (555) 010-2030 ext. 12');
    expect(cleanPhone('06 12 34 56 78 poste 4')).toBe('06 12 34 56 78 poste 4');
    expect(cleanPhone('+1 (555) 010 - 2030 - 0000 extension 1234567')).toBe(
      '+1 (555) 010 - 2030 - 0000 x1234567',
    );
    // tel: URIs (vCard 4.0) read as numbers, their extension kept; the scheme already taken off too
    expect(cleanPhone('tel:+1-555-555-5555;ext=5555')).toBe('+1 555 555 5555 ext. 5555');
    expect(cleanPhone('+1-555-555-5555;ext=5555')).toBe('+1 555 555 5555 ext. 5555');
    expect(cleanPhone('tel:0612345678')).toBe('06 12 34 56 78');
  });

  it('tells a phone that holds a number from words', () => {
    for (const ok of [
      '06 12 34 56 78',
      '+1 555 555 5555 ext. 5555',
      '1-800-FLOWERS',
      '1234',
      '03-1234-5678',
      '-1',
    ])
      expect(phoneProblem(ok), ok).toBeNull();
    for (const words of ['BusinessPhone', 'primary 8', '勤務先電話', 'Mobile', 'n/a', '--'])
      expect(phoneProblem(words), words).toBe('not_a_phone');
    expect(phoneProblem('1'.repeat(41))).toBe('too_long');
  });

  it('matches stages across case, accents and languages', () => {
    const fr = [
      'Prospection',
      'Qualification',
      'Proposition',
      'En négociation',
      'Fermée gagnée',
      'Fermée perdue',
    ].map((name, i) => ({ name, kind: i === 4 ? 'won' : i === 5 ? 'lost' : 'open' }));
    expect(matchStage('en negociation', fr)).toBe('En négociation');
    expect(matchStage('Closed Won', fr)).toBe('Fermée gagnée');
    expect(matchStage('closedlost', fr)).toBe('Fermée perdue');
    expect(matchStage('Proposal', fr)).toBe('Proposition');
    expect(matchStage('Rêverie', fr)).toBeNull();
    const custom = [{ name: 'Signed', kind: 'won' }];
    expect(matchStage('Won', custom)).toBe('Signed');
  });
});

describe('decoding and detection', () => {
  it('reads UTF-8, and any byte that is not UTF-8 as Windows-1252', () => {
    const mixed = Buffer.concat([Buffer.from('Dupré ', 'utf8'), iconv.encode('Noël – 10 €', 'win1252')]);
    expect(decodeMixed(mixed, true).text).toBe('Dupré Noël – 10 €');
    // a sequence cut at the end of a chunk waits for the next one
    const cut = Buffer.from('é', 'utf8');
    expect(decodeMixed(Buffer.concat([Buffer.from('a'), cut.subarray(0, 1)]), false)).toEqual({
      text: 'a',
      rest: cut.subarray(0, 1),
    });
    // overlong forms and surrogates are not UTF-8
    expect(decodeMixed(Buffer.from([0xc0, 0xaf]), true).text).toBe('À¯');
    expect(decodeMixed(Buffer.from([0xed, 0xa0, 0x80]), true).text).toBe('í\u00a0€');
  });

  it('sniffs encodings, empty and binary files', () => {
    expect(sniff(Buffer.from('\ufeffa,b', 'utf8'))).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(sniff(iconv.encode('Prénom;Nom', 'win1252')).encoding).toBe('windows-1252');
    expect(sniff(Buffer.from('plain ascii')).encoding).toBe('utf-8');
    expect(sniff(iconv.encode('a\tb\r\n', 'utf16le')).encoding).toBe('utf-16le');
    expect(sniff(Buffer.from([0xfe, 0xff, 0, 0x61])).encoding).toBe('utf-16be');
    expect(sniff(Buffer.from(' \r\n\t')).empty).toBe(true);
    expect(
      sniff(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      ).binary,
    ).toBe(true);
  });

  it('decodes quoted-printable in its charset', () => {
    expect(decodeQuotedPrintable('Fran=C3=A7ois', 'UTF-8')).toBe('François');
    expect(decodeQuotedPrintable('Ren=E9', 'ISO-8859-1')).toBe('René');
    expect(decodeQuotedPrintable('Ren=E9', undefined)).toBe('René');
    expect(decodeQuotedPrintable('a=\r\nb =3D c=ZZ', 'UTF-8')).toBe('ab = c=ZZ');
  });
});

describe('mapping', () => {
  it('maps headers ignoring case, accents and punctuation, preferring the mobile phone', () => {
    const { mapping, columns } = resolveMapping('contacts', [
      'E-MAIL',
      'Business Phone',
      'Mobile Phone',
      'Fax',
      '',
    ]);
    expect(mapping).toEqual({
      'E-MAIL': 'email',
      'Business Phone': 'phone',
      'Mobile Phone': 'phone',
      // a fax is kept too, as an extra phone labelled "other" (headers/en.ts)
      Fax: 'phone',
    });
    expect(columns.get('phone')).toEqual([2, 1, 3]);
    expect(headerScore('contacts', ['Notes:'])).toBe(1);
    expect(headerScore('contacts', ['First Name', 'Last Name', 'Email Address'])).toBe(3);
  });

  it('takes the first of Google multi-values and undoes formula neutralising', () => {
    expect(cleanCell(' a@x.fr ::: b@y.fr ')).toBe('a@x.fr');
    expect(cleanCell("'+33 6 12")).toBe('+33 6 12');
    expect(cleanCell("'=A1")).toBe('=A1');
    expect(cleanCell("l'été")).toBe("l'été");
  });
});
