import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  FORMULA_START,
  isPhoneNumber,
  neutralizeText,
  TEXT_MARK,
  unneutralizeText,
} from '../../shared/csv-safety.js';
import { cleanCell } from '../imports/mapping.js';
import { readVcardText } from '../imports/vcard-reader.js';
import { createCompany, createContact, createOpportunity, createUser, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { neutralize } from './csv.js';
import { contactCard } from './vcard.js';

/** cells a spreadsheet could run: each must come out with a leading apostrophe */
const FORMULAS = [
  '=1+1',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|' /C calc'!A0",
  '+1+2',
  '+33 6 12 34 56 78 =cmd',
  '+1 (555) 123-4567\r=cmd',
  '-2+3',
  '-',
  '-1',
  '-1500.00',
  '@SUM(1,1)',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  '＋1+2',
  '－2+3',
  '＠SUM(1,1)',
  '+',
  '+12',
  '+123456789012345678',
  '+33--6',
  '+33 6 12 34 56 78\n',
  '+(33) 6 12',
  '+33 6 12 34 56 78 ',
  "+1+cmd|' /C calc'!A0",
  '+SUM(1)',
  '+33 6 12 34 56 78 x',
  '+33 6 12 34 56 78 ext 1234567',
  '+33 6 12 34 56 78 poste',
  '+1 555 123 4567 ext=1',
  '+1 555 123 4567 xx12',
  '+1 555 123 4567 call 12',
  '=+33 6 12 34 56 78',
  '-33 6 12 34 56 78',
  '@33 6 12 34 56 78',
];

/** cells left as they are: text, and phone numbers that start with no formula character */
const KEPT = ['Dupont', 'a=b', " '=already", '42', '06 12 34 56 78', '(555) 123-4567', '0041 44 668 18 00'];

/**
 * Phone numbers written the international way (FR, US, CH, UK, BE; with an extension): shown as
 * they are, behind an invisible word joiner (TEXT_MARK) that makes the cell text, not a formula
 */
const PHONES = [
  '+33 6 12 34 56 78',
  '+33612345678',
  '+33 (0)6 12 34 56 78',
  '+33.6.12.34.56.78',
  '+33 1 23 45 67 89 poste 12',
  '+1 (555) 123-4567',
  '+1-555-123-4567',
  '+1 555 123 4567 x123',
  '+1 555 123 4567 ext. 42',
  '+1 555 123 4567 #7',
  '+41 44 668 18 00',
  '+41446681800',
  '+41 44 668 18 00 EXT 5',
  '+442071838750',
  '+32 2 555 12 34',
];

describe('CSV formula neutralisation', () => {
  it.each(FORMULAS)('prefixes %j with an apostrophe', (value) => {
    expect(neutralize(value)).toBe(`'${value}`);
  });
  it.each(FORMULAS)(
    'reads %j back as it was once neutralised (the importer takes the apostrophe off)',
    (value) => {
      expect(cleanCell(neutralize(value) as string)).toBe(value.trim() === value ? value : value.trim());
    },
  );
  it.each(KEPT)('leaves %j as it is', (value) => {
    expect(neutralize(value)).toBe(value);
  });
  it.each(PHONES)('marks the phone number %j as text, without an apostrophe, and reads it back', (value) => {
    expect(neutralize(value)).toBe(`${TEXT_MARK}${value}`);
    expect(TEXT_MARK).toBe('\u2060');
    // the cell starts with no formula character, and no importer trims the mark as a space
    expect(FORMULA_START.test(neutralize(value) as string)).toBe(false);
    expect((neutralize(value) as string).trim()).toBe(`${TEXT_MARK}${value}`);
    expect(cleanCell(neutralize(value) as string)).toBe(value);
    expect(unneutralizeText(`${TEXT_MARK}${value}`)).toBe(value);
  });
  it('takes off only its own mark: before a phone number, not before other text', () => {
    expect(unneutralizeText(`${TEXT_MARK}Dupont`)).toBe(`${TEXT_MARK}Dupont`);
    expect(unneutralizeText(`${TEXT_MARK}+SUM(1)`)).toBe(`${TEXT_MARK}+SUM(1)`);
    expect(unneutralizeText("'Dupont")).toBe("'Dupont");
  });
  it('counts 7 to 15 digits in a phone number, and leaves numbers and nulls alone', () => {
    expect(isPhoneNumber('+123 4567')).toBe(true);
    expect(isPhoneNumber('+123 456')).toBe(false);
    expect(isPhoneNumber('+123 456 789 012 345')).toBe(true);
    expect(isPhoneNumber('+123 456 789 012 3456')).toBe(false);
    // an extension's digits do not count
    expect(isPhoneNumber('+123 456 ext 1')).toBe(false);
    expect(isPhoneNumber('+123 456 789 012 345 x123456')).toBe(true);
    expect(neutralize(-1)).toBe(-1);
    expect(neutralize(null)).toBeNull();
  });
  it('reads every phone shape, and answers at once for a long run of digits that is not one', () => {
    for (const phone of ['+33 (0)6 12 34 56 78', '+1 (555) 123-4567', '+41.44.668.18.00', '+33612345678'])
      expect(isPhoneNumber(phone), phone).toBe(true);
    // a backtracking pattern took 2ⁿ steps on these: the test would not end
    for (const n of [30, 60, 1000]) {
      const digits = '1'.repeat(n);
      expect(isPhoneNumber(`+${digits}!`)).toBe(false);
      expect(neutralizeText(`+${digits}!`)).toBe(`'+${digits}!`);
      expect(unneutralizeText(`${TEXT_MARK}+${digits}!`)).toBe(`${TEXT_MARK}+${digits}!`);
    }
  });
});

/** values that try to end a vCard line, or to smuggle a property or a parameter in */
const HOSTILE = [
  'Ann\rEMAIL:evil@example.com',
  'Ann\nEMAIL:evil@example.com',
  'Ann\r\nEMAIL:evil@example.com',
  'Ann\r\rURL:http://evil.example',
  'Ann\u0085NOTE:x',
  'Ann\u2028NOTE:x',
  'Ann\u2029NOTE:x',
  'Ann\u000bNOTE:x\u000cNOTE:y',
  'Ann\rEND:VCARD\rBEGIN:VCARD\rFN:Mallory',
  'Ann;TYPE=evil:x',
  'Ann",PREF=1:x',
  'Ann\\nNOTE:x',
  'Ann\u0000\u0007\u001b[31m',
  `${'x'.repeat(80)}\rNOTE:after a fold`,
];

const EXPECTED_LINES = ['BEGIN', 'VERSION', 'FN', 'N', 'EMAIL', 'TEL', 'ORG', 'REV', 'END'];

/**
 * The property names of a vCard text as the most lenient reader sees them: a line ends at CR, LF
 * or CRLF, and a line starting with a space or tab continues the one before.
 */
function lenientNames(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\r|\n|\u0085|\u2028|\u2029|\v|\f/)) {
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += line.slice(1);
    else if (line !== '') lines.push(line);
  }
  return lines.map((l) => l.split(/[;:]/)[0].toUpperCase());
}

describe('vCard escaping', () => {
  it.each(HOSTILE)('adds no property nor parameter for %j', (value) => {
    const card = contactCard(
      {
        first_name: value,
        last_name: value,
        email: value,
        phone: value,
        updated_at: '2026-03-01T10:00:00.000Z',
      },
      value,
    );
    expect(lenientNames(card)).toEqual(EXPECTED_LINES);
    const parsed = new ICAL.Component(ICAL.parse(card) as unknown[]);
    expect(parsed.getAllProperties().map((p) => p.name)).toEqual(
      EXPECTED_LINES.slice(1, -1).map((n) => n.toLowerCase()),
    );
    const params = parsed.getAllProperties().map((p) => [p.name, (p.toJSON() as [string, object])[1]]);
    expect(params).toEqual([
      ['version', {}],
      ['fn', {}],
      ['n', {}],
      ['email', { pref: '1' }],
      ['tel', { pref: '1' }],
      ['org', {}],
      ['rev', {}],
    ]);
    // the value comes back whole, its line breaks as line breaks and other controls dropped
    const clean = value.replace(/\r\n|[\r\n\v\f\u0085\u2028\u2029]/g, '\n').replace(/(?![\t\n])\p{Cc}/gu, '');
    expect(parsed.getFirstPropertyValue('email')).toBe(clean);
    expect(parsed.getFirstProperty('n')?.getValues()[0]).toEqual([clean, clean, '', '', '']);
  });
});

describeEachDialect('exports: hostile values', (t) => {
  it('neutralises formulas in CSV, keeps phone numbers and amounts, and writes vCards without injected properties', async () => {
    const tag = `Inj${uniq()}`;
    const co = await createCompany(t, { company_name: `${tag}\rURL:http://evil.example` });
    const c = await createContact(t, {
      first_name: 'Ann\rEMAIL:evil@example.com',
      last_name: `＝1+1 ${tag}`,
      phone: '+1 (555) 123-4567',
      company_id: co.company_id,
    });
    const o = await createOpportunity(t, {
      opportunity_name: `-2+3 ${tag}`,
      deal_value: 1,
      company_id: co.company_id,
    });
    // the API takes no negative amount, but a database filled otherwise (the seed's design) may hold one
    await t.db.kysely
      .updateTable('opportunities')
      .set({ deal_value: '-1500.00' })
      .where('opportunity_id', '=', o.opportunity_id)
      .execute();

    const csv = await t.app.inject({
      url: `/api/v1/contacts/export?q=${tag.toLowerCase()}&columns=technical`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    const [row] = parse(csv.body.slice(1), { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      first_name: 'Ann\rEMAIL:evil@example.com',
      last_name: `'＝1+1 ${tag}`,
      phone: `${TEXT_MARK}+1 (555) 123-4567`,
      company_name: `${tag}\rURL:http://evil.example`,
    });
    // the readable layout: the owner's name is a cell like any other, neutralised too
    const owner = await createUser(t, { name: `=HYPERLINK("http://evil.example","${tag}")` });
    await t.db.kysely
      .updateTable('contacts')
      .set({ owner_id: owner.user_id })
      .where('contact_id', '=', c.contact_id)
      .execute();
    const readable = await t.app.inject({
      url: `/api/v1/contacts/export?q=${tag.toLowerCase()}&lang=en`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    const [person] = parse(readable.body.slice(1), { columns: true }) as Record<string, string>[];
    expect(person).toMatchObject({
      'Last name': `'＝1+1 ${tag}`,
      Phone: `${TEXT_MARK}+1 (555) 123-4567`,
      Owner: `'=HYPERLINK("http://evil.example","${tag}")`,
    });
    const opp = await t.app.inject({
      url: `/api/v1/opportunities/export?q=${tag.toLowerCase()}&columns=technical`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    const [deal] = parse(opp.body.slice(1), { columns: true }) as Record<string, string>[];
    expect(deal).toMatchObject({ opportunity_name: `'-2+3 ${tag}`, deal_value: '-1500.00' });

    const vcf = await t.app.inject({
      url: `/api/v1/contacts/export?format=vcf&q=${tag.toLowerCase()}`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(lenientNames(vcf.body)).toEqual(EXPECTED_LINES);
    const [read] = await readVcardText(vcf.body);
    expect(read).toMatchObject({ phone: '+1 (555) 123-4567', last_name: `＝1+1 ${tag}` });
    expect(read.email).toBe(c.email);
    expect(read.company_name).toBe(`${tag}\nURL:http://evil.example`);
    expect(c.contact_id).toBeGreaterThan(0);
  });
});
