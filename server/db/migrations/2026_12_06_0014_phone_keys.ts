// Phones as numbers (issue 12): a contact keeps its phone as typed and gains `phone_key`, the
// number in E.164 without its extension (NULL when it is no possible number), indexed; its search
// words gain the number's digit forms (E.164 digits, national significant number, national format
// with trunk prefix), so any way of typing it finds it. Existing contacts are backfilled in keyset
// batches, reading numbers in the instance's region (CRM_DEFAULT_COUNTRY). The folding and the
// forms are copied from server/lib/text.ts and server/lib/phone.ts as they are today, as
// migrations never import app code. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { type AnyDb, dialectOfDb } from './dialect.js';

const BATCH = 1000;
/** rows of one UPDATE … CASE: 5 parameters a row, well within every database's limit */
const UPDATE_ROWS = 200;
const SEARCH_TEXT_MAX = 512;
const WORD_MAX = 100;

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[œ]/g, 'oe')
    .replace(/[æ]/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : folded.split(' ');
}

const EXTENSION =
  /(?:\s*[;,]\s*ext\s*=\s*|\s*(?:ext(?:ension)?|poste|post|x|#)\s*\.?\s*:?\s*)(\d{1,10})\s*$/i;
const digitsOf = (s: string) => s.replace(/\D/g, '');

function numberPart(typed: string): string {
  const t = typed.replace(/^\s*tel:/i, '');
  const m = EXTENSION.exec(t);
  const number = !m || m.index === 0 ? t.trim() : t.slice(0, m.index).trim();
  return number.replace(/^(\+\d{1,3})\s*\(0\)/, '$1 ');
}

function parse(typed: string, country: CountryCode) {
  const number = numberPart(typed);
  if (number === '' || /\p{L}/u.test(number)) return null;
  const parsed = parsePhoneNumberFromString(number, country);
  return parsed?.isPossible() ? parsed : null;
}

function searchText(values: (string | null)[], phone: string, country: CountryCode): string {
  const tokens: string[] = [];
  for (const v of values) if (v) tokens.push(...words(v));
  const parsed = parse(phone, country);
  if (parsed) {
    const forms = [
      digitsOf(parsed.number),
      parsed.nationalNumber,
      digitsOf(parsed.formatNational().replace(EXTENSION, '')),
      digitsOf(numberPart(phone)),
    ];
    tokens.push(...forms.filter((f) => f !== ''));
  } else {
    tokens.push(...words(phone));
    const digits = digitsOf(phone);
    if (digits) tokens.push(digits);
  }
  let out = '';
  for (const t of new Set(tokens)) {
    if (out.length + t.length + 1 > SEARCH_TEXT_MAX - 1) break;
    out += ` ${t}`;
  }
  return `${out} `;
}

function wordsOf(text: string): string[] {
  const out = new Set<string>();
  for (const w of text.split(' ')) if (w) out.add([...w].slice(0, WORD_MAX).join(''));
  return [...out];
}

interface Change {
  id: number;
  key: string | null;
  text: string;
}

export const phoneKeysMigration = (country: string): Migration => ({
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const region = country as CountryCode;
    if (d === 'mysql') {
      // one ALTER: MySQL/MariaDB may rebuild the table for each, and a big contacts table is minutes
      await sql`alter table contacts add column phone_key varchar(20) null,
        add index contacts_phone_key_idx (phone_key)`.execute(db);
    } else {
      await db.schema.alterTable('contacts').addColumn('phone_key', 'varchar(20)').execute();
      await db.schema.createIndex('contacts_phone_key_idx').on('contacts').column('phone_key').execute();
    }

    let after = 0;
    for (;;) {
      const rows = (await db
        .selectFrom('contacts')
        .select(['contact_id', 'first_name', 'last_name', 'email', 'phone', 'search_text'])
        .where('contact_id', '>', after)
        .where('phone', 'is not', null)
        .orderBy('contact_id')
        .limit(BATCH)
        .execute()) as Record<string, string | number | null>[];
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1].contact_id);
      const changes: Change[] = [];
      for (const r of rows) {
        const phone = String(r.phone);
        const key = parse(phone, region)?.number ?? null;
        const text = searchText([r.first_name, r.last_name, r.email] as (string | null)[], phone, region);
        if (key !== null || text !== r.search_text) changes.push({ id: Number(r.contact_id), key, text });
      }
      for (let i = 0; i < changes.length; i += UPDATE_ROWS) {
        const part = changes.slice(i, i + UPDATE_ROWS);
        const ids = part.map((c) => c.id);
        // PostgreSQL infers an untyped parameter's type from the CASE: the casts name it
        const txt = (v: string | null) => (d === 'postgres' ? sql`cast(${v} as varchar)` : sql`${v}`);
        await sql`update contacts
          set phone_key = case contact_id ${sql.join(
            part.map((c) => sql`when ${c.id} then ${txt(c.key)}`),
            sql` `,
          )} end,
          search_text = case contact_id ${sql.join(
            part.map((c) => sql`when ${c.id} then ${txt(c.text)}`),
            sql` `,
          )} end
          where contact_id in (${sql.join(ids)})`.execute(db);
        // the words follow the new search_text, as the app keeps them (docs/decisions/006)
        await db
          .deleteFrom('search_words')
          .where('resource', '=', 'contacts')
          .where('record_id', 'in', ids)
          .execute();
        const values = part.flatMap((c) =>
          wordsOf(c.text).map((word) => ({ resource: 'contacts', word, record_id: c.id })),
        );
        if (values.length > 0) await db.insertInto('search_words').values(values).execute();
      }
    }
  },
  async down(db: AnyDb) {
    // DROP INDEX … ON is MySQL's form; SQLite and PostgreSQL name the index alone
    const drop = db.schema.dropIndex('contacts_phone_key_idx');
    await (dialectOfDb(db) === 'mysql' ? drop.on('contacts') : drop).execute();
    await db.schema.alterTable('contacts').dropColumn('phone_key').execute();
  },
});
