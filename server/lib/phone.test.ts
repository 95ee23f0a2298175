import { describe, expect, it } from 'vitest';
import { isPhoneText, PHONE_MAX } from '../../shared/phone.js';
import { queryTerms, wordTerms } from '../search/query-terms.js';
import { type CountryCode, countryCode, phoneForms, phoneKey, splitExtension } from './phone.js';
import { searchText } from './text.js';

// [as typed, region, key, stored digit forms (null: kept as its words and digits)]
const NUMBERS: [string, CountryCode, string | null, string[] | null][] = [
  // France: every way of writing one mobile number is the same key and the same forms
  ['+33 6 12 34 56 78', 'FR', '+33612345678', ['33612345678', '612345678', '0612345678']],
  ['06 12 34 56 78', 'FR', '+33612345678', ['33612345678', '612345678', '0612345678']],
  ['06.12.34.56.78', 'FR', '+33612345678', ['33612345678', '612345678', '0612345678']],
  ['0612345678', 'FR', '+33612345678', ['33612345678', '612345678', '0612345678']],
  ['+33 (0)6 12 34 56 78', 'FR', '+33612345678', ['33612345678', '612345678', '0612345678']],
  ['0033 6 12 34 56 78', 'FR', '+33612345678', ['33612345678', '612345678', '0612345678', '0033612345678']],
  ['tel:+33-6-12-34-56-78', 'FR', '+33612345678', ['33612345678', '612345678', '0612345678']],
  // the same French number seen from another region, written internationally
  ['+33 6 12 34 56 78', 'US', '+33612345678', ['33612345678', '612345678', '0612345678']],
  // extensions: the key and the forms are the number without it
  ['+33 1 23 45 67 89 x12', 'FR', '+33123456789', ['33123456789', '123456789', '0123456789']],
  ['01 23 45 67 89 ext. 12', 'FR', '+33123456789', ['33123456789', '123456789', '0123456789']],
  ['0123456789 poste 12', 'FR', '+33123456789', ['33123456789', '123456789', '0123456789']],
  ['+33123456789;ext=12', 'FR', '+33123456789', ['33123456789', '123456789', '0123456789']],
  ['01 23 45 67 89 #12', 'FR', '+33123456789', ['33123456789', '123456789', '0123456789']],
  // Belgium
  ['02 123 45 67', 'BE', '+3221234567', ['3221234567', '21234567', '021234567']],
  ['+32 2 123 45 67', 'FR', '+3221234567', ['3221234567', '21234567', '021234567']],
  ['0470 12 34 56', 'BE', '+32470123456', ['32470123456', '470123456', '0470123456']],
  // Switzerland
  ['044 668 18 00', 'CH', '+41446681800', ['41446681800', '446681800', '0446681800']],
  ['+41 44 668 18 00', 'FR', '+41446681800', ['41446681800', '446681800', '0446681800']],
  // United States (no trunk prefix in the national format)
  ['(212) 555-0123', 'US', '+12125550123', ['12125550123', '2125550123']],
  ['+1 212-555-0123', 'FR', '+12125550123', ['12125550123', '2125550123']],
  ['212.555.0123 ext 4', 'US', '+12125550123', ['12125550123', '2125550123']],
  [
    '011 33 6 12 34 56 78',
    'US',
    '+33612345678',
    ['33612345678', '612345678', '0612345678', '01133612345678'],
  ],
  // letters, words, garbage, too short, too long: kept as typed, no key
  ['1-800-FLOWERS', 'US', null, null],
  ['BusinessPhone', 'FR', null, null],
  ['primary 8', 'FR', null, null],
  ['n/a', 'FR', null, null],
  ['12', 'FR', null, null],
  ['x12', 'FR', null, null],
  ['+33 6 12 34 56 78 90 12', 'FR', null, null],
  ['   ', 'FR', null, null],
  ['', 'FR', null, null],
];

describe('phone numbers', () => {
  it.each(NUMBERS)('%j in %s: key %s, forms %j', (typed, country, key, forms) => {
    expect(phoneKey(typed, country)).toBe(key);
    expect(phoneForms(typed, country)).toEqual(forms);
  });

  it('has no key for nothing', () => {
    expect(phoneKey(null)).toBeNull();
    expect(phoneKey(undefined)).toBeNull();
  });

  it('splits an extension however written, and nothing else', () => {
    expect(splitExtension('+33 1 23 45 67 89 ext. 12')).toEqual({
      number: '+33 1 23 45 67 89',
      extension: '12',
    });
    expect(splitExtension('01 23 45 67 89 poste 12')).toEqual({ number: '01 23 45 67 89', extension: '12' });
    expect(splitExtension('+33123456789;ext=12')).toEqual({ number: '+33123456789', extension: '12' });
    expect(splitExtension('555-0123 Extension: 7')).toEqual({ number: '555-0123', extension: '7' });
    expect(splitExtension('06 12 34 56 78')).toEqual({ number: '06 12 34 56 78', extension: null });
    expect(splitExtension('x12')).toEqual({ number: 'x12', extension: null });
    expect(splitExtension('BusinessPhone')).toEqual({ number: 'BusinessPhone', extension: null });
  });

  it('indexes a number that is no possible number by its words and digits, as before', () => {
    expect(searchText([], ['1-800-FLOWERS'], 'US')).toBe(' 1 800 flowers 1800 ');
    expect(searchText([], ['BusinessPhone'], 'FR')).toBe(' businessphone ');
  });

  it('reads country codes case-insensitively, and only those with a numbering plan', () => {
    expect(countryCode('FR')).toBe('FR');
    expect(countryCode(' be ')).toBe('BE');
    for (const bad of ['', 'XX', 'FRA', 'F', '33', 'fr-FR', 'ZZ']) expect(countryCode(bad)).toBeNull();
  });

  it('takes any text within the length and without control characters as a phone as typed', () => {
    for (const ok of [
      '06 12 34 56 78',
      '1-800-FLOWERS',
      'BusinessPhone',
      '01 23 45 67 89 x12',
      '電話 03-1234',
    ])
      expect(isPhoneText(ok)).toBe(true);
    for (const bad of [
      '06\u000012',
      'a\nb',
      'tab\there',
      '\u007f',
      '\u0085',
      'x'.repeat(PHONE_MAX + 1),
      '\ud800',
    ])
      expect(isPhoneText(bad)).toBe(false);
  });
});

describe('search terms of a query', () => {
  // every way of typing +33 6 12 34 56 78 is one term that starts one of its stored forms
  const stored = ['33612345678', '612345678', '0612345678'];
  it.each([
    ['0612345678', '0612345678'],
    ['06 12 34', '061234'],
    ['06.12.34.56.78', '0612345678'],
    ['06-12-34-56-78', '0612345678'],
    ['+33 6 12 34 56 78', '33612345678'],
    ['+33 (0)6 12 34 56 78', '33612345678'],
    ['0033 6 12 34 56 78', '33612345678'],
    ['0033 6 12', '33612'],
    ['612345678', '612345678'],
    ['33612345678', '33612345678'],
    ['06 12 34 56 78 poste 12', '0612345678'],
  ])('%j → %j, a prefix of a stored form', (q, term) => {
    expect(queryTerms(q, 'FR')).toEqual([term]);
    expect(stored.some((s) => s.startsWith(term))).toBe(true);
  });

  it("reads the region's international dialling prefix", () => {
    expect(queryTerms('011 33 6 12', 'US')).toEqual(['33612']);
    expect(queryTerms('00 32 2 123', 'BE')).toEqual(['322123']);
    expect(queryTerms('(212) 555-0123', 'US')).toEqual(['2125550123']);
  });

  it('keeps names as words, and reads the pieces of a number in a mixed query together', () => {
    expect(queryTerms('Jean 06', 'FR')).toEqual(['jean', '06']);
    expect(queryTerms('Jean 06 12 34', 'FR')).toEqual(['jean', '061234']);
    expect(queryTerms('Hélène Dupré-Lefèvre', 'FR')).toEqual(['helene', 'dupre', 'lefevre']);
    expect(queryTerms('dupont 2026', 'FR')).toEqual(['dupont', '2026']);
  });

  it('reads full-width digits as digits', () => {
    expect(queryTerms('０６ １２ ３４', 'FR')).toEqual(['061234']);
    expect(queryTerms('＋３３ ６ １２', 'FR')).toEqual(['33612']);
  });

  it('has no term for nothing, blanks or signs alone', () => {
    for (const q of ['', '   ', '+', '-', '()', null, undefined]) expect(queryTerms(q, 'FR')).toEqual([]);
  });

  it('answers at once for long queries that are almost a number with an extension', () => {
    // three runs of optional spaces tried at every position: n⁴ steps on 200 characters before
    const q = `${' '.repeat(50)}x${' '.repeat(148)}!`;
    for (let i = 0; i < 50; i++) expect(queryTerms(q, 'FR')).toEqual(['x']);
    expect(splitExtension(`${'1 '.repeat(40)}x 12`)).toEqual({
      number: `${'1 '.repeat(40)}x 12`,
      extension: null,
    });
    expect(splitExtension('+33 1 23 45 67 89   poste   12')).toEqual({
      number: '+33 1 23 45 67 89',
      extension: '12',
    });
  });

  it('keeps numbers as words where records hold no phone forms', () => {
    expect(wordTerms('Renouvellement 12/2023')).toEqual(['renouvellement', '12', '2023']);
    expect(wordTerms('０６ １２')).toEqual(['06', '12']);
    expect(wordTerms('a b c d e f g h i j')).toHaveLength(8);
  });

  it('keeps at most 8 terms', () => {
    expect(queryTerms('a b c d e f g h i j', 'FR')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });
});
