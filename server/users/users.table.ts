import type { ColumnType } from 'kysely';
import type { Id, Timestamp } from '../db/column-types.js';

export interface UsersTable {
  user_id: Id;
  email: string;
  /** lower-cased email: the unique key, identical on every database whatever its collation */
  email_key: string;
  name: string | null;
  /** nameKey(name): the name's sort order (2026_12_06_0013) */
  name_key: string | null;
  role: string;
  active: ColumnType<boolean | number, boolean | number, boolean | number>;
  locale: string | null;
  password_hash: string | null;
  /** the password was typed by an administrator: its owner must choose their own before anything else */
  must_change_password: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
