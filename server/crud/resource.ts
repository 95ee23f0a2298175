import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../config.js';
import type { AppError } from '../errors.js';

/**
 * How a column is read, written, filtered and sorted. API field names are the column names
 * (the contract keeps the seed's snake_case), so one map serves the DTO, filters and sorting.
 */
export type FieldKind = 'id' | 'user' | 'int' | 'text' | 'timestamp' | 'date' | 'money' | 'bool';

export type Row = Record<string, unknown>;
export type Values = Record<string, unknown>;

// biome-ignore lint/suspicious/noExplicitAny: the generic engine addresses tables by name; entity code stays typed
export type LooseDb = Kysely<any> | Transaction<any>;

/** The caller, as far as the request knows it; issue 3's authentication fills `userId`. */
export interface Actor {
  userId: number | null;
  role: 'admin' | 'manager' | 'sales' | 'viewer' | null;
}

export interface WriteContext {
  trx: LooseDb;
  dialect: DialectName;
  actor: Actor;
}

export interface Relation {
  /** the field on this resource */
  field: string;
  table: string;
  idColumn: string;
  label: string;
}

export interface Reference {
  /** a resource (path) whose rows point at this one */
  resource: string;
  table: string;
  column: string;
  /** the value they hold; the ID unless the reference is by name (opportunities.stage) */
  value?: (row: Row) => unknown;
}

export interface ResourceDef {
  path: string;
  table: string;
  idColumn: string;
  /** singular noun for messages: "contact 12 does not exist" */
  label: string;
  fields: Record<string, FieldKind>;
  /** fields a create must carry (non-empty) and an update may not clear */
  required?: string[];
  sortable: string[];
  defaultSort: string;
  /** present when `q` is supported: the tables joined so that their search_text matches too */
  search?: { joins: { table: string; localColumn: string; foreignColumn: string }[] };
  relations: Relation[];
  references: Reference[];
  /** derived columns (search_text, keys) and rules; `existing` is the stored row on update */
  prepare?(values: Values, existing: Row | null, ctx: WriteContext): Promise<Values> | Values;
  /** called after an update, in the same transaction (e.g. a stage rename renaming opportunities) */
  afterUpdate?(before: Row, changes: Values, ctx: WriteContext): Promise<void>;
  /** called before a delete that no reference prevents, in the same transaction; throws to refuse it */
  beforeRemove?(row: Row, ctx: WriteContext): Promise<void>;
  /** turns a unique violation into the contract's 409 (e.g. duplicate email with existing_id) */
  onDuplicate?(values: Values, db: LooseDb): Promise<AppError>;
  /** which of created_at / updated_at the table has (default both) */
  timestamps?: 'both' | 'created' | 'none';
}
