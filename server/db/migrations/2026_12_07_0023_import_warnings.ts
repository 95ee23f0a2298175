// Import rows that keep what they can (issue 14, ADR 015). A value a row cannot use (a phone that
// is no number, an email without a domain) no longer costs the record: the row is written, the
// value goes to its notes and the row gets a *warning*. `import_errors.severity` tells a warning
// ('warning') from a failure ('error', every row stored before); `imports.warned_count` counts the
// rows with warnings, apart from the failed ones.
// The seed's VARCHAR(20) phones cannot hold a number with its extension ("+1 555-555-5555 ext.
// 5555" is 24): contacts.phone and companies.phone grow to 40, names unchanged. contact_phones
// holds E.164 keys without the extension (at most 16 characters): it stays. SQLite does not
// enforce a VARCHAR's length. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb } from './dialect.js';

export const importWarningsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    await db.schema
      .alterTable('import_errors')
      .addColumn('severity', 'varchar(10)', (c) => c.notNull().defaultTo('error'))
      .execute();
    await db.schema
      .alterTable('imports')
      .addColumn('warned_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    if (d === 'postgres') {
      await sql`alter table contacts alter column phone type varchar(40)`.execute(db);
      await sql`alter table companies alter column phone type varchar(40)`.execute(db);
    } else if (d === 'mysql') {
      // MODIFY restates the column: both were created nullable, in the table's default collation
      await sql`alter table contacts modify phone varchar(40) null`.execute(db);
      await sql`alter table companies modify phone varchar(40) null`.execute(db);
    }
  },
  async down(db: AnyDb) {
    const d = dialectOfDb(db);
    // a number longer than 20 characters would not fit back: cut, as the seed's column would
    if (d !== 'sqlite') {
      await sql`update contacts set phone = substr(phone, 1, 20) where length(phone) > 20`.execute(db);
      await sql`update companies set phone = substr(phone, 1, 20) where length(phone) > 20`.execute(db);
    }
    if (d === 'postgres') {
      await sql`alter table contacts alter column phone type varchar(20)`.execute(db);
      await sql`alter table companies alter column phone type varchar(20)`.execute(db);
    } else if (d === 'mysql') {
      await sql`alter table contacts modify phone varchar(20) null`.execute(db);
      await sql`alter table companies modify phone varchar(20) null`.execute(db);
    }
    await db.schema.alterTable('imports').dropColumn('warned_count').execute();
    await db.schema.alterTable('import_errors').dropColumn('severity').execute();
  },
};
