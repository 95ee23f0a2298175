// Contacts as vCard 4.0 (RFC 6350), written with ical.js (escaping and line folding are its own).
import ICAL from 'ical.js';
import { rowToDto } from '../crud/convert.js';
import type { ListQuery } from '../crud/list.js';
import type { Actor, ResourceDef, Row } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { matchingRows } from './csv.js';

/** One contact as a card: FN and N, EMAIL, TEL (as text, so "+33 6 12…" stays as written), ORG. */
export function contactCard(c: Row, companyName: string | null): string {
  const card = new ICAL.Component('vcard');
  card.addPropertyWithValue('version', '4.0');
  const first = (c.first_name as string | null) ?? '';
  const last = (c.last_name as string | null) ?? '';
  const fn = [first, last].filter(Boolean).join(' ') || (c.email as string | null) || companyName || '-';
  card.addPropertyWithValue('fn', fn);
  const n = new ICAL.Property('n');
  n.setValue([last, first, '', '', ''] as unknown as string);
  card.addProperty(n);
  if (c.email) {
    const email = new ICAL.Property('email');
    email.setParameter('pref', '1');
    email.setValue(c.email as string);
    card.addProperty(email);
  }
  if (c.phone) {
    const tel = new ICAL.Property('tel');
    tel.setParameter('value', 'text');
    tel.setParameter('pref', '1');
    tel.setValue(c.phone as string);
    card.addProperty(tel);
  }
  if (companyName) {
    const org = new ICAL.Property('org');
    org.setValue([companyName] as unknown as string);
    card.addProperty(org);
  }
  if (c.updated_at)
    card.addPropertyWithValue('rev', String(c.updated_at).replace(/[-:]/g, '').replace(/\.\d+/, ''));
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
        return contactCard(c, c.company_id === null ? null : (names.get(c.company_id as number) ?? null));
      })
      .join('');
    onRows?.(rows.length);
  }
}
