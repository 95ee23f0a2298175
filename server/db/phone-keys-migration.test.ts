import { describe, expect, it } from 'vitest';
import { queryTerms } from '../search/query-terms.js';
import { prefixEnd, wordsOf } from '../search/search-words.js';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import { indexLeaders } from '../test/schema-info.js';
import { connect, type Db } from './connect.js';
import { timestampParam } from './dialect.js';
import { migrateTo, migrateToLatest } from './migrate.js';

const BEFORE = '2026_12_06_0012_import_undo';

/** A contact as the app wrote it before 0014: the phone's words and its digits run together. */
async function insertContact(db: Db, id: number, phone: string | null) {
  const searchText = ` ann p${id} ${
    phone
      ? `${phone
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim()} ${phone.replace(/\D/g, '')} `
      : ''
  }`
    .replace(/ +/g, ' ')
    .replace(/^(?! )/, ' ');
  const now = timestampParam(db.dialect, '2026-01-05T08:00:00.000Z');
  await db.kysely
    .insertInto('contacts')
    .values({
      contact_id: id,
      first_name: 'Ann',
      last_name: `P${id}`,
      phone,
      search_text: searchText,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.kysely
    .insertInto('search_words')
    .values(wordsOf(searchText).map((word) => ({ resource: 'contacts', word, record_id: id })))
    .execute();
}

async function matching(db: Db, q: string): Promise<number[]> {
  // the ids whose words start with every term, as the list's q reads them
  const sets: Set<number>[] = [];
  for (const term of queryTerms(q, 'FR')) {
    const rows = await db.kysely
      .selectFrom('search_words')
      .select('record_id')
      .where('resource', '=', 'contacts')
      .where('word', '>=', term)
      .where('word', '<', prefixEnd(term) as string)
      .execute();
    sets.push(new Set(rows.map((r) => Number(r.record_id))));
  }
  const [first, ...rest] = sets;
  return [...(first ?? [])].filter((id) => rest.every((s) => s.has(id))).sort((a, b) => a - b);
}

for (const dialect of DIALECTS) {
  describe(`migration 2026_12_06_0014 (phone keys) [${dialect}]`, () => {
    it('adds an indexed phone_key and backfills it and the search words of every contact, in batches', async () => {
      const fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      try {
        await migrateTo(db, BEFORE);
        const phones: (string | null)[] = [
          '+33 6 12 34 56 78',
          '06 12 34 56 78',
          '01 23 45 67 89 x12',
          '+32 2 123 45 67',
          '1-800-FLOWERS',
          null,
        ];
        // more than one batch (1000) and one UPDATE (200): the same six, over and over
        const count = 2 * 1000 + 37;
        for (let i = 0; i < count; i += 500) {
          for (let id = i + 1; id <= Math.min(count, i + 500); id++)
            await insertContact(db, id, phones[id % 6]);
        }

        await migrateToLatest(db);

        expect(await indexLeaders(db)).toContain('contacts.phone_key');
        const rows = await db.kysely
          .selectFrom('contacts')
          .select(['contact_id', 'phone', 'phone_key', 'search_text'])
          .orderBy('contact_id')
          .execute();
        expect(rows).toHaveLength(count);
        const keys: Record<string, string | null> = {
          '+33 6 12 34 56 78': '+33612345678',
          '06 12 34 56 78': '+33612345678',
          '01 23 45 67 89 x12': '+33123456789',
          '+32 2 123 45 67': '+3221234567',
          '1-800-FLOWERS': null,
        };
        for (const r of rows) {
          // the phone as typed is untouched
          expect(r.phone).toBe(phones[Number(r.contact_id) % 6]);
          expect(r.phone_key).toBe(r.phone === null ? null : keys[r.phone as string]);
        }
        const byPhone = (p: string | null) => rows.find((r) => r.phone === p)?.search_text;
        expect(byPhone('06 12 34 56 78')).toMatch(/ 33612345678 612345678 0612345678 $/);
        expect(byPhone('1-800-FLOWERS')).toMatch(/ 1 800 flowers 1800 $/);

        // search_words is the words of the new search_text, for every contact
        const words = await db.kysely
          .selectFrom('search_words')
          .select(['record_id', 'word'])
          .where('resource', '=', 'contacts')
          .execute();
        const stored = new Map<number, string[]>();
        for (const w of words)
          stored.set(Number(w.record_id), [...(stored.get(Number(w.record_id)) ?? []), w.word]);
        for (const r of rows)
          expect(stored.get(Number(r.contact_id))?.sort()).toEqual(wordsOf(r.search_text).sort());

        const french = rows.filter((r) => r.phone_key === '+33612345678').map((r) => Number(r.contact_id));
        for (const q of ['0612345678', '+33 6 12 34 56 78', '0033 6 12 34', '612345678'])
          expect(await matching(db, q)).toEqual(french);
        const belgian = rows.filter((r) => r.phone_key === '+3221234567').map((r) => Number(r.contact_id));
        expect(await matching(db, '02 123 45 67')).toEqual(belgian);
        expect(await matching(db, '0032 2 123 45 67')).toEqual(belgian);

        // migrating again changes nothing
        await migrateToLatest(db);
        const again = await db.kysely
          .selectFrom('contacts')
          .select(['contact_id', 'phone_key', 'search_text'])
          .orderBy('contact_id')
          .execute();
        expect(again).toEqual(
          rows.map(({ contact_id, phone_key, search_text }) => ({ contact_id, phone_key, search_text })),
        );
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    }, 120_000);

    it('goes down again, dropping the key and its index', async () => {
      const fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      try {
        await migrateToLatest(db);
        await migrateTo(db, BEFORE);
        expect(await indexLeaders(db)).not.toContain('contacts.phone_key');
        await migrateToLatest(db);
        expect(await indexLeaders(db)).toContain('contacts.phone_key');
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });
  });
}
