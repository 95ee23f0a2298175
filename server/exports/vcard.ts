// Contacts as vCard 4.0 (RFC 6350), written with ical.js (escaping and line folding are its own).

import ICAL from 'ical.js';
import type { CustomField } from '../../shared/custom-fields.js';
import { storedList } from '../contacts/channels.js';
import { rowToDto } from '../crud/convert.js';
import type { ListQuery } from '../crud/list.js';
import type { Actor, ResourceDef, Row } from '../crud/resource.js';
import { loadFields } from '../custom-fields/definitions.js';
import { customCell, vcardProperty } from '../custom-fields/export-cells.js';
import { customEntity } from '../custom-fields/record-values.js';
import type { Db } from '../db/connect.js';
import { matchingRows } from './csv.js';

/**
 * A stored text as a vCard value. ical.js escapes LF as `\n` but writes a lone CR (or NEL, or a
 * Unicode line separator) as it is, and many readers end a line there: "Ann\rEMAIL:x@evil"
 * would add a property. Every line break becomes LF (so it is escaped), and the other control
 * characters but tab, which RFC 6350 does not allow in a value, are dropped.
 */
export function vcardText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\r\n|[\r\n\v\f\u0085\u2028\u2029]/g, '\n')
    .replace(/(?![\t\n])\p{Cc}/gu, '');
}

/**
 * One contact as a card: FN and N, EMAIL, TEL (as text, so "+33 6 12…" stays as written; the
 * primary ones PREF=1, the others with their labels as TYPE or X-ABLabel), ORG,
 * TITLE (the job title), ADR (the address), BDAY, URL (the LinkedIn profile) and CATEGORIES (the tags).
 * Every value goes through vcardText; the parameters are constants of ours.
 */
export function contactCard(c: Row, company: string | null, custom: CustomField[] = []): string {
  const card = new ICAL.Component('vcard');
  card.addPropertyWithValue('version', '4.0');
  const first = vcardText(c.first_name);
  const last = vcardText(c.last_name);
  const email = vcardText(c.email);
  const phone = vcardText(c.phone);
  const companyName = vcardText(company);
  const fn = [first, last].filter(Boolean).join(' ') || email || companyName || '-';
  card.addPropertyWithValue('fn', fn);
  const n = new ICAL.Property('n');
  n.setValue([last, first, '', '', ''] as unknown as string);
  card.addProperty(n);
  if (email) {
    const prop = new ICAL.Property('email');
    prop.setParameter('pref', '1');
    prop.setValue(email);
    card.addProperty(prop);
  }
  if (phone) {
    const tel = new ICAL.Property('tel');
    tel.setParameter('value', 'text');
    tel.setParameter('pref', '1');
    tel.setValue(phone);
    card.addProperty(tel);
  }
  // the others, each with its label as a TYPE (a custom label as 4.0's free text would not be read
  // back by most tools: it goes as X-ABLabel, Apple's way, which Google and Apple read)
  let group = 0;
  const extra = (name: 'email' | 'tel', label: string, value: string) => {
    if (!value) return;
    const prop = new ICAL.Property(name);
    if (name === 'tel') prop.setParameter('value', 'text');
    const type = { mobile: 'cell', work: 'work', home: 'home' }[label];
    if (type) prop.setParameter('type', type);
    else if (label !== 'other') prop.setParameter('group', `item${++group}`);
    prop.setValue(value);
    card.addProperty(prop);
    if (!type && label !== 'other') {
      const ab = new ICAL.Property('x-ablabel');
      ab.setParameter('group', `item${group}`);
      ab.setValue(vcardText(label));
      card.addProperty(ab);
    }
  };
  for (const e of storedList<{ label: string; email: string }>(c.emails))
    extra('email', e.label, vcardText(e.email));
  for (const p of storedList<{ label: string; number: string }>(c.phones))
    extra('tel', p.label, vcardText(p.number));
  if (companyName) {
    const org = new ICAL.Property('org');
    org.setValue([companyName] as unknown as string);
    card.addProperty(org);
  }
  const title = vcardText(c.job_title);
  if (title) card.addPropertyWithValue('title', title);
  // ADR: post office box, extended address, street, locality, region, postal code, country
  const adr = ['', '', c.street, c.city, c.region, c.postal_code, c.country].map(vcardText);
  if (adr.some(Boolean)) {
    const prop = new ICAL.Property('adr');
    prop.setParameter('type', 'work');
    prop.setValue(adr as unknown as string);
    card.addProperty(prop);
  }
  // a date in RFC 6350's basic format (19850314), which every reader takes
  if (typeof c.birthday === 'string') {
    const bday = new ICAL.Property('bday');
    bday.setParameter('value', 'date');
    bday.setValue(c.birthday.replaceAll('-', ''));
    card.addProperty(bday);
  }
  const url = vcardText(c.linkedin_url);
  if (url) card.addPropertyWithValue('url', url);
  // CATEGORIES: the tags, comma-separated (ical.js escapes what a value holds)
  const tags = (Array.isArray(c.tags) ? c.tags : []).map(vcardText).filter(Boolean);
  if (tags.length > 0) {
    const prop = new ICAL.Property('categories');
    prop.setValues(tags);
    card.addProperty(prop);
  }
  // the instance's own fields, as X-CARNET-<KEY> (server/custom-fields/export-cells.ts)
  const values = (c.custom_fields ?? {}) as Record<string, unknown>;
  for (const f of custom) {
    const v = vcardText(customCell(f, values[f.key]));
    if (v) card.addPropertyWithValue(vcardProperty(f.key), v);
  }
  if (c.updated_at)
    card.addPropertyWithValue('rev', vcardText(c.updated_at).replace(/[-:]/g, '').replace(/\.\d+/, ''));
  return `${card.toString()}\r\n`;
}

/** Every matching contact as one vCard file, a page at a time. */
export async function* vcardExport(
  db: Db,
  def: ResourceDef,
  query: ListQuery,
  actor: Actor,
  onRows?: (n: number) => void,
) {
  const entity = customEntity(def);
  const custom = entity ? await loadFields(db.kysely, entity) : [];
  for await (const rows of matchingRows(db, def, query, actor)) {
    const ids = [
      ...new Set(
        rows
          .map((r) => r.company_id)
          .filter((v) => v !== null)
          .map(Number),
      ),
    ];
    const companies = ids.length
      ? await db.kysely
          .selectFrom('companies')
          .select(['company_id', 'company_name'])
          .where('company_id', 'in', ids)
          .execute()
      : [];
    const names = new Map(companies.map((co) => [Number(co.company_id), co.company_name]));
    yield rows
      .map((r) => {
        const c = rowToDto(def, r);
        return contactCard(
          c,
          c.company_id === null ? null : (names.get(c.company_id as number) ?? null),
          custom,
        );
      })
      .join('');
    onRows?.(rows.length);
  }
}
