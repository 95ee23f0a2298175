import { type AuditAction, recordAudit } from '../audit/audit.repository.js';
import { authorizeWrite } from '../auth/permissions.js';
import type { DialectName } from '../config.js';
import { syncCustomValues } from '../custom-fields/index-sync.js';
import { withCustomValues } from '../custom-fields/record-values.js';
import type { Db } from '../db/connect.js';
import {
  isForeignKeyViolation,
  isRetryableConflict,
  isUniqueViolation,
  timestampParam,
} from '../db/dialect.js';
import { AppError, badRequest, notFound, PreconditionFailed } from '../errors.js';
import { syncNameWords } from '../search/name-words.js';
import { syncSearchWords } from '../search/search-words.js';
import { syncRecordTags, withResolvedTags } from '../tags/record-tags.js';
import { changedValues, rowToDto, writeValues } from './convert.js';
import { auditChanges, type Created, checkRequired, createRows, missingRelations } from './create.js';
import { etagOf, ifMatchHolds } from './etag.js';
import { type ListOptions, type ListQuery, listRows } from './list.js';
import type { Actor, LooseDb, ResourceDef, Row, Values, WriteContext } from './resource.js';

/** how many times a transaction the database aborted as a conflict is run */
const MAX_TRIES = 4;

export interface Stored {
  dto: Row;
  etag: string;
}

/** Create, read, update, delete and list for one resource, with the contract's rules. */
export class CrudService {
  constructor(
    readonly def: ResourceDef,
    private readonly db: Db,
  ) {}

  private get dialect(): DialectName {
    return this.db.dialect;
  }

  private stored(row: Row): Stored {
    const dto = rowToDto(this.def, row);
    return { dto, etag: etagOf(dto) };
  }

  async findRow(db: LooseDb, id: number, forUpdate = false): Promise<Row | undefined> {
    let q = db.selectFrom(this.def.table).selectAll().where(this.def.idColumn, '=', id);
    if (forUpdate && this.dialect !== 'sqlite') q = q.forUpdate();
    return (await q.executeTakeFirst()) as Row | undefined;
  }

  async get(id: number): Promise<Stored> {
    const row = await this.findRow(this.db.kysely, id);
    if (!row) throw notFound(`${this.def.label} ${id}`);
    return this.stored(row);
  }

  /** Throws 404 unless the record exists (for related lists). */
  async assertExists(id: number): Promise<void> {
    await this.get(id);
  }

  /** A page of the list; `scope` narrows it to a related list's parent. */
  async list(
    query: ListQuery,
    actor: Actor,
    scope: Pick<ListOptions, 'fixed' | 'through'> = {},
    def: ResourceDef = this.def,
  ) {
    const { rows, nextCursor } = await listRows(this.db.kysely, def, query, {
      dialect: this.dialect,
      actor,
      ...scope,
    });
    return { data: rows.map((r) => rowToDto(this.def, r)), next_cursor: nextCursor };
  }

  async create(input: Values, actor: Actor): Promise<Stored> {
    const attempt: { values: Values } = { values: input };
    const id = await this.write(attempt, actor, (ctx) => this.createIn(ctx, input, attempt));
    return this.get(id);
  }

  /**
   * A create inside a transaction the caller holds (the importer writes a batch of rows in one):
   * the same checks, derived columns, owner default and audit entry as create(). Returns the ID.
   */
  async createIn(ctx: WriteContext, input: Values, attempt: { values: Values } = { values: input }) {
    const [r] = await createRows(this.def, ctx, [input], (row) => {
      attempt.values = row;
    });
    if ('error' in r) throw r.error;
    return r.id;
  }

  /**
   * Creates a batch in the caller's transaction (the importer), each input by the rules of
   * createIn; a refused input is an error at its index and the others are written.
   */
  createManyIn(ctx: WriteContext, inputs: Values[]): Promise<Created[]> {
    return createRows(this.def, ctx, inputs);
  }

  async update(id: number, input: Values, ifMatch: string | undefined, actor: Actor): Promise<Stored> {
    const attempt: { values: Values } = { values: input };
    await this.write(attempt, actor, (ctx) => this.updateIn(ctx, id, input, ifMatch, attempt));
    return this.get(id);
  }

  /** An update inside a transaction the caller holds; same rules as update(). False: nothing changed. */
  async updateIn(
    ctx: WriteContext,
    id: number,
    input: Values,
    ifMatch?: string,
    attempt: { values: Values } = { values: input },
  ): Promise<boolean> {
    const existing = await this.findRow(ctx.trx, id, true);
    if (!existing) throw notFound(`${this.def.label} ${id}`);
    this.checkIfMatch(existing, ifMatch);
    const [custom] = await withCustomValues(ctx, this.def, [input], [existing]);
    if ('error' in custom) throw custom.error;
    // a field set to the value it already has is no change: no write, no new ETag, no audit entry
    // tags resolved first (server/tags): "vip" over a stored "VIP" is no change
    // tags resolved first (server/tags): "vip" over a stored "VIP" is no change
    const written = await withResolvedTags(this.def, ctx, writeValues(this.def, custom.values, this.dialect));
    const values = changedValues(this.def, written, existing);
    authorizeWrite(ctx.actor, this.def, existing, values);
    checkRequired(this.def, values, existing);
    const [missing] = await missingRelations(ctx.trx, this.def, [values]);
    if (missing.length > 0) throw badRequest(missing);
    const prepared = (await this.def.prepare?.(values, existing, ctx, input)) ?? values;
    if (Object.keys(prepared).length === 0) return false;
    const changes =
      (this.def.timestamps ?? 'both') === 'both' ? { ...prepared, updated_at: this.now() } : prepared;
    attempt.values = { ...existing, ...prepared };
    await ctx.trx.updateTable(this.def.table).set(changes).where(this.def.idColumn, '=', id).execute();
    await this.def.afterUpdate?.(existing, prepared, ctx);
    const after = await this.findRow(ctx.trx, id);
    await this.afterWrite(ctx, id, existing, after ?? null);
    await this.audit(ctx, 'update', id, existing, after, input);
    return true;
  }

  /** 412 with the record's current ETag unless If-Match holds for it (none sent: it holds). */
  checkIfMatch(existing: Row, ifMatch: string | undefined) {
    if (ifMatch === undefined) return;
    const { etag } = this.stored(existing);
    if (!ifMatchHolds(ifMatch, etag)) throw new PreconditionFailed(etag);
  }

  /** Deletes the record; with If-Match, only the version that tag names (412 otherwise). */
  async remove(id: number, actor: Actor, ifMatch?: string): Promise<void> {
    await this.transaction(actor, (ctx) => this.removeIn(ctx, id, ifMatch));
  }

  /**
   * A delete inside a transaction the caller holds (a delete that takes attached records with
   * it): the same ownership check, reference check, hooks and audit entry as remove().
   */
  async removeIn(ctx: WriteContext, id: number, ifMatch?: string): Promise<void> {
    const { trx, actor } = ctx;
    const existing = await this.findRow(trx, id, true);
    if (!existing) throw notFound(`${this.def.label} ${id}`);
    this.checkIfMatch(existing, ifMatch);
    authorizeWrite(actor, this.def, existing, null);
    const refs: { resource: string; count: number }[] = [];
    for (const ref of this.def.references) {
      const value = ref.value ? ref.value(existing) : id;
      const { n } = (await trx
        .selectFrom(ref.table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where(ref.column, '=', value)
        .executeTakeFirstOrThrow()) as { n: number | string };
      const count = Number(n);
      if (count > 0) {
        const prev = refs.find((r) => r.resource === ref.resource);
        if (prev) prev.count += count;
        else refs.push({ resource: ref.resource, count });
      }
    }
    if (refs.length > 0) throw stillReferenced(this.def.label, id, refs);
    await this.def.beforeRemove?.(existing, ctx);
    await trx.deleteFrom(this.def.table).where(this.def.idColumn, '=', id).execute();
    await this.afterWrite(ctx, id, existing, null);
    await this.audit(ctx, 'delete', id, existing, null, {});
  }

  /**
   * Several writes as one, in a transaction retried on a conflict like every write here; a
   * foreign key violation is taken for a delete that a new reference overtook.
   */
  transaction<T>(actor: Actor, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return this.write({ values: {} }, actor, fn);
  }

  /**
   * Runs a write in one transaction: it all happens or none of it does. A constraint violation is
   * explained only after the rollback: PostgreSQL refuses further queries in a failed transaction
   * and SQLite's single connection is held by it.
   */
  private async write<T>(
    attempt: { values: Values },
    actor: Actor,
    fn: (ctx: WriteContext) => Promise<T>,
  ): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.db.kysely.transaction().execute((trx) => fn({ trx, dialect: this.dialect, actor }));
      } catch (e) {
        // concurrent inserts into one unique index can deadlock on MariaDB; the loser runs again
        // (and then meets the winner's row as a duplicate, a clear 409)
        if (isRetryableConflict(e) && tries < MAX_TRIES) continue;
        throw await this.translate(e, attempt.values);
      }
    }
  }

  /**
   * What every write keeps in step in its transaction: the search and name words, the tags' and
   * the custom values' indexes, then the resource's own.
   */
  private async afterWrite(ctx: WriteContext, id: number, before: Row | null, after: Row | null) {
    if (this.def.search) await syncSearchWords(ctx.trx, this.def.table, id, before, after);
    await syncNameWords(ctx.trx, this.def, id, before, after);
    await syncRecordTags(ctx, this.def, id, before, after);
    await syncCustomValues(ctx.trx, this.dialect, this.def, id, before, after);
    await this.def.afterWrite?.(before, after, ctx);
  }

  /** The audit entry for a change, from the API representations (never hashes or derived columns). */
  private async audit(
    ctx: WriteContext,
    action: AuditAction,
    id: number,
    before: Row | null,
    after: Row | undefined | null,
    input: Values,
  ) {
    const changes = auditChanges(this.def, before, after ?? null, input);
    if (action === 'update' && Object.keys(changes).every((k) => k === 'updated_at')) return;
    await recordAudit(ctx.trx, this.dialect, {
      userId: ctx.actor.userId,
      action,
      resource: this.def.path,
      recordId: id,
      changes,
      importId: ctx.importId,
    });
  }

  private now() {
    return timestampParam(this.dialect, new Date().toISOString());
  }

  private async translate(e: unknown, values: Values): Promise<unknown> {
    if (isUniqueViolation(e)) {
      return (
        (await this.def.onDuplicate?.(values, this.db.kysely)) ??
        new AppError(409, 'duplicate', 'Duplicate', `A ${this.def.label} with these values already exists.`)
      );
    }
    if (isForeignKeyViolation(e)) {
      // On delete: a row pointing here appeared after the check. On write: a parent vanished.
      if (Object.keys(values).length === 0) return stillReferenced(this.def.label, null, []);
      return (
        (await this.def.onReferenceGone?.(values, this.db.kysely)) ??
        new AppError(
          400,
          'validation-error',
          'Invalid request',
          'A referenced record does not exist (it may just have been deleted).',
          { code: 'reference_gone', errors: [] },
        )
      );
    }
    return e;
  }
}

export function stillReferenced(
  label: string,
  id: number | null,
  refs: { resource: string; count: number }[],
) {
  const list = refs.map((r) => `${r.count} ${r.resource}`).join(', ');
  return new AppError(
    409,
    'still-referenced',
    'Still referenced',
    `${label}${id === null ? '' : ` ${id}`} is still referenced${list ? ` by ${list}` : ''}; nothing was deleted.`,
    { references: refs },
  );
}
