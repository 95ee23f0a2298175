// Several phones and emails per contact (issue 13, ADR 014). The seed's `email` and `phone` stay
// the primary ones; the others live as JSON arrays in two text columns of the row (`phones`:
// [{label, number}], `emails`: [{label, email}]), read and written with it (its ETag, audit
// entries, GDPR erasure and import stay those of the row). Two index tables, kept in step by the
// server in the same transaction, hold every key of a contact, primary and extra:
// - contact_emails (email_key UNIQUE): an address belongs to one contact only, primary or extra,
//   enforced by the database (parallel creates cannot both pass), and found through an index by
//   the importer's duplicate matching;
// - contact_phones (phone_key, contact_id): a number's contacts through an index.
// contacts.search_text grows to 2048 characters: ten more phones (four digit forms each) and ten
// more emails do not fit 512. The primaries of existing contacts are copied in. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, binary, dialectOfDb, tableOptions, types } from './dialect.js';

const BATCH = 1_000;

export const contactChannelsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    if (d === 'mysql') {
      // one ALTER: MySQL/MariaDB may rebuild the table for each
      await sql`alter table contacts add column phones ${ty.longText} null, add column emails ${ty.longText} null,
        modify search_text varchar(2048) collate utf8mb4_bin not null`.execute(db);
    } else {
      await db.schema.alterTable('contacts').addColumn('phones', ty.longText).execute();
      await db.schema.alterTable('contacts').addColumn('emails', ty.longText).execute();
      // SQLite does not enforce a varchar's length
      if (d === 'postgres')
        await sql`alter table contacts alter column search_text type varchar(2048)`.execute(db);
    }

    await db.schema
      .createTable('contact_emails')
      .modifyEnd(tableOptions(d))
      .addColumn('email_key', 'varchar(100)', (c) => binary(d)(c.notNull().primaryKey()))
      .addColumn('contact_id', 'integer', (c) =>
        c.notNull().references('contacts.contact_id').onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('contact_emails_contact_idx')
      .on('contact_emails')
      .column('contact_id')
      .execute();

    await db.schema
      .createTable('contact_phones')
      .modifyEnd(tableOptions(d))
      .addColumn('contact_id', 'integer', (c) =>
        c.notNull().references('contacts.contact_id').onDelete('cascade'),
      )
      .addColumn('phone_key', 'varchar(20)', (c) => binary(d)(c.notNull()))
      .addPrimaryKeyConstraint('contact_phones_pk', ['contact_id', 'phone_key'])
      .execute();
    await db.schema
      .createIndex('contact_phones_key_idx')
      .on('contact_phones')
      .columns(['phone_key', 'contact_id'])
      .execute();

    // the primaries of the contacts there are, a batch at a time
    let after = 0;
    for (;;) {
      const rows = (await db
        .selectFrom('contacts')
        .select(['contact_id', 'email_key', 'phone_key'])
        .where('contact_id', '>', after)
        .orderBy('contact_id')
        .limit(BATCH)
        .execute()) as { contact_id: number | string; email_key: string | null; phone_key: string | null }[];
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1].contact_id);
      const emails = rows.flatMap((r) =>
        r.email_key ? [{ email_key: r.email_key, contact_id: Number(r.contact_id) }] : [],
      );
      const phones = rows.flatMap((r) =>
        r.phone_key ? [{ phone_key: r.phone_key, contact_id: Number(r.contact_id) }] : [],
      );
      if (emails.length > 0) await db.insertInto('contact_emails').values(emails).execute();
      if (phones.length > 0) await db.insertInto('contact_phones').values(phones).execute();
    }
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('contact_phones').execute();
    await db.schema.dropTable('contact_emails').execute();
    await db.schema.alterTable('contacts').dropColumn('emails').execute();
    await db.schema.alterTable('contacts').dropColumn('phones').execute();
  },
};
