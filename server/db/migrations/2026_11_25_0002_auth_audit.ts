// Sign-in (sessions, API tokens), the audit log and instance settings. Frozen: never edit.
import type { Migration } from 'kysely';
import { type AnyDb, dialectOfDb, idColumn, tableOptions, types } from './dialect.js';

export const authAuditMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    const create = (name: string) => db.schema.createTable(name).modifyEnd(tableOptions(d));

    await create('app_settings')
      .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
      .addColumn('value', 'varchar(1000)', (c) => c.notNull())
      .execute();

    // session_id is the SHA-256 of the cookie's random value: a leaked table grants no session
    await create('sessions')
      .addColumn('session_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.user_id'))
      .addColumn('created_at', ty.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', ty.timestamp, (c) => c.notNull())
      .addColumn('expires_at', ty.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await create('api_tokens')
      .addColumn('token_id', ty.id, idColumn(d))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.user_id'))
      .addColumn('name', 'varchar(100)', (c) => c.notNull())
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', ty.timestamp, (c) => c.notNull())
      .addColumn('last_used_at', ty.timestamp)
      .execute();
    await db.schema
      .createIndex('api_tokens_hash_uq')
      .on('api_tokens')
      .column('token_hash')
      .unique()
      .execute();
    await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

    await create('audit_events')
      .addColumn('audit_id', ty.id, idColumn(d))
      .addColumn('occurred_at', ty.timestamp, (c) => c.notNull())
      // no foreign key: the log outlives what it describes
      .addColumn('user_id', 'integer')
      .addColumn('action', 'varchar(20)', (c) => c.notNull())
      .addColumn('resource', 'varchar(50)', (c) => c.notNull())
      .addColumn('record_id', 'integer', (c) => c.notNull())
      .addColumn('changes', ty.longText)
      .execute();
    await db.schema
      .createIndex('audit_record_idx')
      .on('audit_events')
      .columns(['resource', 'record_id', 'audit_id'])
      .execute();
    await db.schema
      .createIndex('audit_user_idx')
      .on('audit_events')
      .columns(['user_id', 'audit_id'])
      .execute();
    await db.schema
      .createIndex('audit_time_idx')
      .on('audit_events')
      .columns(['occurred_at', 'audit_id'])
      .execute();
  },
  async down(db: AnyDb) {
    for (const t of ['audit_events', 'api_tokens', 'sessions', 'app_settings'])
      await db.schema.dropTable(t).execute();
  },
};
