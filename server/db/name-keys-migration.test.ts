import { describe, expect, it } from 'vitest';
import type { LooseDb } from '../crud/resource.js';
import { nameKey } from '../lib/text.js';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import { indexLeaders } from '../test/schema-info.js';
import { connect } from './connect.js';
import { timestampParam } from './dialect.js';
import { migrateTo, migrateToLatest } from './migrate.js';

const BEFORE = '2026_12_06_0012_import_undo';
const NAMES = ['Bénard', 'Œuvray', 'de La Fontaine', 'ÉMILIE', null, '', '---', 'Straße'];
const ROWS = 2600; // more than two backfill batches

for (const dialect of DIALECTS) {
  describe(`migration 2026_12_06_0013 (name keys) [${dialect}]`, () => {
    it('backfills every name key in batches, moves the sort indexes to the keys, and goes back down', async () => {
      const fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      try {
        await migrateTo(db, BEFORE);
        const now = timestampParam(dialect, new Date().toISOString());
        const name = (i: number) => NAMES[i % NAMES.length];
        const contacts = Array.from({ length: ROWS }, (_, i) => ({
          last_name: name(i),
          first_name: name(i + 3),
          search_text: ' ',
          created_at: now,
          updated_at: now,
        }));
        for (let i = 0; i < ROWS; i += 1000)
          await db.kysely
            .insertInto('contacts')
            .values(contacts.slice(i, i + 1000))
            .execute();
        await db.kysely
          .insertInto('opportunities')
          .values(
            NAMES.map((n) => ({ opportunity_name: n, search_text: ' ', created_at: now, updated_at: now })),
          )
          .execute();
        await db.kysely
          .insertInto('users')
          .values(
            NAMES.map((n, i) => ({
              email: `u${i}@ex.fr`,
              email_key: `u${i}@ex.fr`,
              name: n,
              role: 'sales',
              active: dialect === 'sqlite' ? 1 : true,
              search_text: ' ',
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();

        // a company key written by an older fold (ß dropped): rewritten
        await db.kysely
          .insertInto('companies')
          .values({
            company_name: 'Straße AG',
            name_key: 'strae ag',
            search_text: ' ',
            created_at: now,
            updated_at: now,
          })
          .execute();

        await migrateToLatest(db);

        const company = await db.kysely.selectFrom('companies').select('name_key').executeTakeFirstOrThrow();
        expect(company.name_key).toBe('strasse ag');
        const rows = await db.kysely
          .selectFrom('contacts')
          .select(['last_name', 'first_name', 'last_name_key', 'first_name_key'])
          .execute();
        expect(rows).toHaveLength(ROWS);
        const wrong = rows.filter(
          (r) => r.last_name_key !== nameKey(r.last_name) || r.first_name_key !== nameKey(r.first_name),
        );
        expect(wrong).toEqual([]);
        expect(rows.some((r) => r.last_name_key === 'oeuvray')).toBe(true);
        for (const [table, column, key] of [
          ['opportunities', 'opportunity_name', 'opportunity_name_key'],
          ['users', 'name', 'name_key'],
        ]) {
          const got = await (db.kysely as LooseDb)
            .selectFrom(table)
            .select([`${column} as name`, `${key} as key`])
            .execute();
          expect(got.map((r) => r.key)).toEqual(got.map((r) => nameKey(r.name)));
        }
        // the key columns compare byte for byte (code point order), whatever the database's collation
        const ordered = await db.kysely
          .selectFrom('contacts')
          .select('last_name_key')
          .distinct()
          .where('last_name_key', 'is not', null)
          .orderBy('last_name_key')
          .execute();
        const keys = ordered.map((r) => r.last_name_key as string);
        expect(keys).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
        const leaders = await indexLeaders(db);
        for (const c of [
          'contacts.last_name_key',
          'contacts.first_name_key',
          'opportunities.opportunity_name_key',
          'companies.name_key',
        ])
          expect(leaders).toContain(c);
        expect(leaders).not.toContain('contacts.last_name');

        await migrateTo(db, BEFORE);
        const tables = await db.kysely.introspection.getTables();
        const columns = (t: string) => tables.find((x) => x.name === t)?.columns.map((c) => c.name) ?? [];
        expect(columns('contacts')).not.toContain('last_name_key');
        expect(columns('opportunities')).not.toContain('opportunity_name_key');
        expect(columns('users')).not.toContain('name_key');
        expect(columns('companies')).toContain('name_key');
        const back = await indexLeaders(db);
        expect(back).toContain('contacts.last_name');
        expect(back).toContain('companies.company_name');
        expect(await db.kysely.selectFrom('contacts').select('contact_id').execute()).toHaveLength(ROWS);
        // and up again
        await migrateToLatest(db);
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });
  });
}
