// Custom field definitions (issue 13, ADR 013): read by everyone signed in, written by admins. A
// change reaches the records holding values of the field in the same transaction (rewrite.ts):
// a renamed option's new label, a type's converted values, a deleted field's key removed.
import {
  CUSTOM_FIELDS_MAX,
  type CustomField,
  type CustomFieldCreate,
  type CustomFieldEntity,
  type CustomFieldUpdate,
  checkCustomValue,
} from '../../shared/custom-fields.js';
import { diff, recordAudit } from '../audit/audit.repository.js';
import { requireRole } from '../auth/permissions.js';
import { etagOf, ifMatchHolds } from '../crud/etag.js';
import type { Actor, LooseDb, Row, WriteContext } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { isRetryableConflict, isUniqueViolation, lockName, timestampParam } from '../db/dialect.js';
import {
  AppError,
  badRequest,
  type FieldError,
  fieldError,
  notFound,
  PreconditionFailed,
} from '../errors.js';
import { convertValue } from './convert-value.js';
import { applyChange, ENTITY_DEFS, refusal } from './definition-changes.js';
import { fieldFromRow } from './definitions.js';
import { SELECT_TYPES, shapeDefault, shapeOptions } from './options.js';
import { recordsHolding, rewriteRecords } from './rewrite.js';

const MAX_TRIES = 4;
const ADMINS = ['admin' as const];

const duplicateKey = () =>
  new AppError(409, 'duplicate', 'Duplicate', 'This entity already has a custom field with this key.', {
    errors: [
      { field: 'key', code: 'duplicate', message: 'is already the key of another field of this entity' },
    ],
  });

/** A label as written: trimmed, on one line, not blank. */
function shapeLabel(label: { fr: string; en: string }) {
  const errors: FieldError[] = [];
  const out = { fr: '', en: '' };
  for (const lang of ['fr', 'en'] as const) {
    const c = checkCustomValue({ type: 'text', options: [] }, label[lang]);
    if ('problem' in c) errors.push({ field: `label.${lang}`, ...c.problem });
    else if (c.value === null)
      errors.push({ field: `label.${lang}`, code: 'required', message: 'must not be blank' });
    else out[lang] = String(c.value);
  }
  if (errors.length > 0) throw badRequest(errors);
  return out;
}

export class CustomFieldsService {
  constructor(private readonly db: Db) {}

  private get kysely(): LooseDb {
    return this.db.kysely as unknown as LooseDb;
  }

  async list(entity?: CustomFieldEntity): Promise<CustomField[]> {
    const rows = (await this.kysely
      .selectFrom('custom_field_defs')
      .selectAll()
      .$if(entity !== undefined, (q) => q.where('entity', '=', entity as string))
      .orderBy('entity')
      .orderBy('position')
      .orderBy('field_id')
      .execute()) as Row[];
    return rows.map(fieldFromRow);
  }

  async get(id: number): Promise<{ field: CustomField; etag: string }> {
    const field = await this.find(this.kysely, id);
    return { field, etag: etagOf(field) };
  }

  async create(actor: Actor, body: CustomFieldCreate): Promise<CustomField> {
    requireRole(actor, ADMINS, 'define custom fields');
    const options = shapeOptions(body.type, body.options, []);
    const label = shapeLabel(body.label);
    const id = await this.tx(actor, async (ctx) => {
      const rule = { type: body.type, options };
      const dflt = shapeDefault(rule, body.default ?? null);
      await this.userExists(ctx.trx, body.type, dflt);
      // the entity's definitions locked: two creates at the limit cannot both pass it
      await lockName(ctx.trx, ctx.dialect, `custom_field_defs:${body.entity}`);
      let q = ctx.trx
        .selectFrom('custom_field_defs')
        .select(['field_id', 'position'])
        .where('entity', '=', body.entity);
      if (ctx.dialect !== 'sqlite') q = q.forUpdate();
      const others = (await q.execute()) as Row[];
      if (others.length >= CUSTOM_FIELDS_MAX)
        throw fieldError(
          'key',
          'too_many',
          `${body.entity} already have ${CUSTOM_FIELDS_MAX} custom fields`,
          {
            limit: CUSTOM_FIELDS_MAX,
          },
        );
      const now = timestampParam(ctx.dialect, new Date().toISOString());
      const values = {
        entity: body.entity,
        field_key: body.key,
        label_fr: label.fr,
        label_en: label.en,
        type: body.type,
        options: JSON.stringify(options),
        required: ctx.dialect === 'sqlite' ? Number(body.required ?? false) : (body.required ?? false),
        default_value: dflt === null ? null : JSON.stringify(dflt),
        position: body.position ?? Math.max(-1, ...others.map((r) => Number(r.position))) + 1,
        created_at: now,
        updated_at: now,
      };
      let fieldId: number;
      if (ctx.dialect === 'mysql') {
        const r = await ctx.trx.insertInto('custom_field_defs').values(values).executeTakeFirstOrThrow();
        fieldId = Number(r.insertId);
      } else {
        const r = (await ctx.trx
          .insertInto('custom_field_defs')
          .values(values)
          .returning('field_id')
          .executeTakeFirstOrThrow()) as Row;
        fieldId = Number(r.field_id);
      }
      const field = await this.find(ctx.trx, fieldId);
      await this.audit(ctx, 'create', field.field_id, diff(null, field));
      return fieldId;
    });
    return (await this.get(id)).field;
  }

  async update(actor: Actor, id: number, body: CustomFieldUpdate, ifMatch?: string) {
    requireRole(actor, ADMINS, 'define custom fields');
    const label = body.label && shapeLabel(body.label);
    await this.tx(actor, async (ctx) => {
      const before = await this.find(ctx.trx, id, true);
      if (!ifMatchHolds(ifMatch, etagOf(before)))
        throw new PreconditionFailed(
          etagOf(before),
          'The field changed since you read it (ETag mismatch); fetch it again.',
        );
      const type = body.type ?? before.type;
      const wasSelect = SELECT_TYPES.includes(before.type);
      const options = shapeOptions(type, body.options, wasSelect ? before.options : []);
      const rule = { type, options };
      let dflt: unknown;
      if (body.default !== undefined) dflt = shapeDefault(rule, body.default);
      else {
        const c = convertValue(before, rule, before.default);
        if ('problem' in c)
          throw fieldError(
            'default',
            c.problem.code,
            `the current default does not fit the changed field: ${c.problem.message}`,
          );
        dflt = c.value;
      }
      await this.userExists(ctx.trx, type, dflt);
      const after: CustomField = {
        ...before,
        label: label ?? before.label,
        type,
        options,
        required: body.required ?? before.required,
        default: dflt,
        position: body.position ?? before.position,
      };
      const changes = diff(before, after);
      if (Object.keys(changes).length === 0) return;
      const now = new Date().toISOString();
      await ctx.trx
        .updateTable('custom_field_defs')
        .set({
          label_fr: after.label.fr,
          label_en: after.label.en,
          type,
          options: JSON.stringify(options),
          required: ctx.dialect === 'sqlite' ? Number(after.required) : after.required,
          default_value: dflt === null ? null : JSON.stringify(dflt),
          position: after.position,
          updated_at: timestampParam(ctx.dialect, now),
        })
        .where('field_id', '=', id)
        .execute();
      // after the definition: what the records derive from it (their search words) reads the new one
      await applyChange(ctx, before, after);
      await this.audit(ctx, 'update', id, { ...changes, updated_at: [before.updated_at, now] });
    });
    return this.get(id);
  }

  /** Deletes a field and its values, once confirmed by its key (`?confirm=<key>`). */
  async remove(actor: Actor, id: number, confirm?: string, ifMatch?: string) {
    requireRole(actor, ADMINS, 'define custom fields');
    await this.tx(actor, async (ctx) => {
      const field = await this.find(ctx.trx, id, true);
      if (!ifMatchHolds(ifMatch, etagOf(field))) throw new PreconditionFailed(etagOf(field));
      if (confirm !== field.key) {
        const { n } = (await ctx.trx
          .selectFrom('custom_values')
          .select((eb) => eb.fn.count('record_id').distinct().as('n'))
          .where('field_id', '=', id)
          .executeTakeFirstOrThrow()) as Row;
        throw refusal(
          'confirmation_required',
          `${Number(n)} record(s) hold a value of "${field.key}", which deleting the field removes. Send ?confirm=${field.key} to delete it.`,
          { count: Number(n) },
        );
      }
      const def = ENTITY_DEFS[field.entity as CustomFieldEntity];
      const plan = { before: field, after: null, convert: () => ({ value: null }), reindex: false };
      await rewriteRecords(ctx, def, plan, recordsHolding(ctx, def, field.key));
      await ctx.trx.deleteFrom('custom_values').where('field_id', '=', id).execute();
      await ctx.trx.deleteFrom('custom_field_defs').where('field_id', '=', id).execute();
      await this.audit(ctx, 'delete', id, diff(field, null));
    });
  }

  /** Sets an entity's order: `ids` names each of its fields once. */
  async reorder(actor: Actor, entity: CustomFieldEntity, ids: number[]): Promise<CustomField[]> {
    requireRole(actor, ADMINS, 'define custom fields');
    await this.tx(actor, async (ctx) => {
      let q = ctx.trx.selectFrom('custom_field_defs').selectAll().where('entity', '=', entity);
      if (ctx.dialect !== 'sqlite') q = q.forUpdate();
      const fields = ((await q.execute()) as Row[]).map(fieldFromRow);
      const known = new Set(fields.map((f) => f.field_id));
      const named = new Set(ids);
      if (named.size !== ids.length || ids.some((i) => !known.has(i)) || named.size !== known.size)
        throw fieldError('ids', 'invalid', `must name each of the ${known.size} ${entity} fields once`, {
          allowed: [...known].map(String),
        });
      const now = new Date().toISOString();
      for (const [position, fieldId] of ids.entries()) {
        const f = fields.find((x) => x.field_id === fieldId) as CustomField;
        if (f.position === position) continue;
        await ctx.trx
          .updateTable('custom_field_defs')
          .set({ position, updated_at: timestampParam(ctx.dialect, now) })
          .where('field_id', '=', fieldId)
          .execute();
        await this.audit(ctx, 'update', fieldId, {
          position: [f.position, position],
          updated_at: [f.updated_at, now],
        });
      }
    });
    return this.list(entity);
  }

  private async find(db: LooseDb, id: number, forUpdate = false): Promise<CustomField> {
    let q = db.selectFrom('custom_field_defs').selectAll().where('field_id', '=', id);
    if (forUpdate && this.db.dialect !== 'sqlite') q = q.forUpdate();
    const row = (await q.executeTakeFirst()) as Row | undefined;
    if (!row) throw notFound(`custom field ${id}`);
    return fieldFromRow(row);
  }

  /** A user field's default names a user who exists. */
  private async userExists(trx: LooseDb, type: string, value: unknown) {
    if (type !== 'user' || value === null) return;
    const row = await trx
      .selectFrom('users')
      .select('user_id')
      .where('user_id', '=', value as number)
      .executeTakeFirst();
    if (!row) throw fieldError('default', 'not_found', `user ${value} does not exist`);
  }

  private audit(ctx: WriteContext, action: 'create' | 'update' | 'delete', id: number, changes: Row) {
    return recordAudit(ctx.trx, ctx.dialect, {
      userId: ctx.actor.userId,
      action,
      resource: 'custom-fields',
      recordId: id,
      changes: changes as Record<string, [unknown, unknown]>,
    });
  }

  /** One transaction, run again when the database aborts it as a conflict; a key twice is a 409. */
  private async tx<T>(actor: Actor, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.db.kysely
          .transaction()
          .execute((trx) => fn({ trx: trx as unknown as LooseDb, dialect: this.db.dialect, actor }));
      } catch (e) {
        if (isRetryableConflict(e) && tries < MAX_TRIES) continue;
        if (isUniqueViolation(e)) throw duplicateKey();
        throw e;
      }
    }
  }
}
