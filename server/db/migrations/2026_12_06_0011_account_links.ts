// Onboarding: one-time links that set a password (an invitation, a password reset), and the mark
// on a user whose password an administrator typed, who must choose their own at first sign-in.
// Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb, idColumn, tableOptions, types } from './dialect.js';

export const accountLinksMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    await db.schema
      .alterTable('users')
      .addColumn('must_change_password', ty.boolean, (c) =>
        c.notNull().defaultTo(d === 'sqlite' ? sql`0` : sql`false`),
      )
      .execute();

    // token_hash is the SHA-256 of the link's random 256-bit secret: a leaked table opens no account
    await db.schema
      .createTable('account_links')
      .modifyEnd(tableOptions(d))
      .addColumn('link_id', ty.id, idColumn(d))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.user_id'))
      .addColumn('purpose', 'varchar(10)', (c) => c.notNull())
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', ty.timestamp, (c) => c.notNull())
      .addColumn('expires_at', ty.timestamp, (c) => c.notNull())
      .addColumn('used_at', ty.timestamp)
      .execute();
    await db.schema
      .createIndex('account_links_hash_uq')
      .on('account_links')
      .column('token_hash')
      .unique()
      .execute();
    await db.schema
      .createIndex('account_links_user_idx')
      .on('account_links')
      .columns(['user_id', 'purpose'])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('account_links').execute();
    await db.schema.alterTable('users').dropColumn('must_change_password').execute();
  },
};
