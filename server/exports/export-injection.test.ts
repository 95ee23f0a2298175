import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { isPhoneNumber } from '../../shared/csv-safety.js';
import { cleanCell } from '../imports/mapping.js';
import { readVcardText } from '../imports/vcard-reader.js';
import { createCompany, createContact, createOpportunity, uniq } from '../test/factories.js';
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
];

/** cells left as they are: text, and phone numbers written the international way */
const KEPT = [
  'Dupont',
  'a=b',
  " '=already",
  '42',
  '+33 6 12 34 56 78',
  '+1 (555) 123-4567',
  '+33 (0)6 12 34 56 78',
  '+33.6.12.34.56.78',
  '+1-555-123-4567',
  '+33612345678',
  '+442071838750',
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
  it('counts 7 to 15 digits in a phone number, and leaves numbers and nulls alone', () => {
    expect(isPhoneNumber('+123 4567')).toBe(true);
    expect(isPhoneNumber('+123 456')).toBe(false);
    expect(isPhoneNumber('+123 456 789 012 345')).toBe(true);
    expect(isPhoneNumber('+123 456 789 012 3456')).toBe(false);
    expect(neutralize(-1)).toBe(-1);
    expect(neutralize(null)).toBeNull();
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
      url: `/api/v1/contacts/export?q=${tag.toLowerCase()}`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    const [row] = parse(csv.body.slice(1), { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      first_name: 'Ann\rEMAIL:evil@example.com',
      last_name: `'＝1+1 ${tag}`,
      phone: '+1 (555) 123-4567',
      company_name: `${tag}\rURL:http://evil.example`,
    });
    const opp = await t.app.inject({
      url: `/api/v1/opportunities/export?q=${tag.toLowerCase()}`,
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
