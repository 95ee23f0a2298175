import type { TSchema } from '@sinclair/typebox';
import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import {
  type FieldKind,
  type Fields,
  filterableOf,
  kindsOf,
  requiredOf,
  sortableOf,
} from '../../shared/fields.js';
import type { DialectName } from '../config.js';
import type { AppError } from '../errors.js';

/**
 * How a column is read, written, filtered and sorted (shared/fields.ts). API field names are the
 * column names (the contract keeps the seed's snake_case), so one map serves the DTO, filters and
 * sorting.
 */
export type { FieldKind };

export type Row = Record<string, unknown>;
export type Values = Record<string, unknown>;

// biome-ignore lint/suspicious/noExplicitAny: the generic engine addresses tables by name; entity code stays typed
export type LooseDb = Kysely<any> | Transaction<any>;

export type Role = 'admin' | 'manager' | 'sales' | 'viewer';

/**
 * Who acts. A signed-in user (by session or API token), nobody (`userId` and `role` null: only
 * public routes let such a request through), or the system itself (the CLI: admin, no user).
 */
export interface Actor {
  userId: number | null;
  role: Role | null;
  via: 'session' | 'token' | 'system' | null;
  sessionId?: string;
  tokenId?: number;
  /** signed in with a password an administrator typed: only changing it is allowed */
  mustChangePassword?: boolean;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'admin', via: 'system' };

export interface WriteContext {
  trx: LooseDb;
  dialect: DialectName;
  actor: Actor;
  /** set by an import: its audit entries name the job, which can then be undone */
  importId?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: a list's query over tables addressed by name
export type AnyQuery = SelectQueryBuilder<any, any, any>;

/**
 * A list filter of a resource's own, beyond its fields' exact ones: `?tag=VIP`, `?cf.segment=PME`.
 * Its parameter is a name or, for a family of them, a pattern (a pattern property of the list's
 * query schema); `apply` narrows the list's rows (`table` is the list's table in the query).
 */
export interface ExtraFilter {
  param: string | RegExp;
  schema: TSchema;
  apply(
    qb: AnyQuery,
    value: unknown,
    at: {
      table: string;
      idColumn: string;
      param: string;
      db: LooseDb;
      dialect: DialectName;
      custom?: unknown;
    },
  ): AnyQuery;
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
  /** where the fields are declared in shared/record-fields.ts: their limits (a money field's maximum) */
  specs?: Fields;
  /** the fields lists filter on (default: every field) */
  filterable?: string[];
  /** filters of the resource's own (`tag`, `cf.<key>`) */
  extraFilters?: ExtraFilter[];
  /**
   * derived columns that lists may sort on but the API never shows (a task's `due`, one key for
   * timed and all-day tasks): sortable like fields, absent from the DTO and the filters
   */
  internalFields?: Record<string, FieldKind>;
  /** fields a create must carry (non-empty) and an update may not clear */
  required?: string[];
  sortable: string[];
  defaultSort: string;
  /**
   * Sortable fields ordered (and paged) by a stored key column instead of their own: the names,
   * by their nameKey() (`last_name` by `last_name_key`), so that they sort in the language's order.
   */
  sortKeys?: Record<string, string>;
  /**
   * Exact filters that an indexed key column can narrow first: `email=X` also tests
   * `email_key = lower(X)` (implied, as email_key is always the lowered email), so the lookup
   * walks the unique index instead of reading every row.
   */
  filterKeys?: Record<string, { column: string; key: (value: string) => string | null }>;
  /**
   * present when `q` is supported: the related tables whose words match too, each reached by
   * `localColumn` holding the ID of one of its records (a contact's company_id)
   */
  search?: {
    joins: { table: string; localColumn: string }[];
    /**
     * The record's own name, as the key columns holding it folded (in the order names sort): a
     * query word that is a whole word of it, or starts one, ranks the record first (`sort=relevance`,
     * server/search/relevance.ts). Without it, `q` lists keep their default sort.
     */
    names?: string[];
    /**
     * the record's own words hold phone numbers' digit forms: a number in the query ("06 12 34")
     * is then read as one digits term (server/search/query-terms.ts); elsewhere numbers stay words,
     * so "12/2023" still finds a deal named "Renouvellement 12/2023"
     */
    phones?: boolean;
  };
  relations: Relation[];
  references: Reference[];
  /** the field naming the user a record belongs to: sales may change only their own or unowned records */
  ownerField?: string;
  /**
   * the owner field is an assignment, not ownership: sales may give the record to anyone (create
   * it for a colleague, hand an unowned one on), while still changing only their own or unowned ones
   */
  assignable?: boolean;
  /** roles allowed to create, update and delete (default: admin, manager, sales) */
  writeRoles?: Role[];
  /**
   * Derived columns (search_text, keys) and rules. `existing` is the stored row on update; `input`
   * is the request body as sent, for write-only fields such as a password.
   */
  prepare?(values: Values, existing: Row | null, ctx: WriteContext, input: Values): Promise<Values> | Values;
  /** fields whose values never go into the audit log (only the fact that they changed) */
  secretInputs?: string[];
  /** called after an update, in the same transaction (e.g. a stage rename renaming opportunities) */
  afterUpdate?(before: Row, changes: Values, ctx: WriteContext): Promise<void>;
  /**
   * called after every create (before null), update and delete (after null), in the same
   * transaction, with the stored rows (e.g. keeping the pipeline totals in step)
   */
  afterWrite?(before: Row | null, after: Row | null, ctx: WriteContext): Promise<void>;
  /**
   * called after a create of one record or of an import's batch, in the same transaction, with
   * the stored rows: index tables written with one statement for the batch (a contact's email and
   * phone keys). afterWrite is called for creates too, before null.
   */
  afterCreateMany?(created: { id: number; row: Row }[], ctx: WriteContext): Promise<void>;
  /** called before a delete that no reference prevents, in the same transaction; throws to refuse it */
  beforeRemove?(row: Row, ctx: WriteContext): Promise<void>;
  /** turns a unique violation into the contract's 409 (e.g. duplicate email with existing_id) */
  onDuplicate?(values: Values, db: LooseDb): Promise<AppError>;
  /**
   * explains a foreign-key violation on create or update (a record the values point at was deleted
   * meanwhile), after the rollback; undefined leaves the generic `reference_gone`
   */
  onReferenceGone?(values: Values, db: LooseDb): Promise<AppError | undefined>;
  /** which of created_at / updated_at the table has (default both) */
  timestamps?: 'both' | 'created' | 'none';
}

/** A resource's fields, required, sortable and filterable lists, from their declarations (ADR 011). */
export function fromFields(specs: Fields) {
  return {
    specs,
    fields: kindsOf(specs),
    required: requiredOf(specs),
    sortable: sortableOf(specs),
    filterable: filterableOf(specs),
  };
}
