// The team's tags (issue 13): listed with how many records carry each, created by naming them (on a
// record, or here), renamed, recoloured, merged and deleted by managers and admins. A rename, merge
// or delete rewrites the `tags` of every record carrying the tag, in the same transaction, each
// with a new updated_at (so a new ETag) and its audit entry, as if each had been edited.
import type { Color } from '../../shared/colors.js';
import {
  cleanTagName,
  TAGGED_RESOURCES,
  type Tag,
  type TagCreate,
  type TaggedResource,
  type TagUpdate,
} from '../../shared/tags.js';
import { recordAudits } from '../audit/audit.repository.js';
import { requireRole } from '../auth/permissions.js';
import { companies } from '../companies/companies.resource.js';
import { contacts } from '../contacts/contacts.resource.js';
import { readValue } from '../crud/convert.js';
import { auditChanges } from '../crud/create.js';
import type { Actor, LooseDb, ResourceDef, Row, WriteContext } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { isRetryableConflict, isUniqueViolation, timestampParam } from '../db/dialect.js';
import { AppError, fieldError, notFound } from '../errors.js';
import { chunks } from '../lib/chunks.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { DEFAULT_TAG_COLOR, storedNames, tagKey, tagsColumn } from './record-tags.js';

const DEFS: Record<TaggedResource, ResourceDef> = { contacts, companies, opportunities };
const WRITERS = ['admin', 'manager', 'sales'] as const;
/** who renames, recolours, merges and deletes tags: they change other people's records */
const CURATORS = ['admin', 'manager'] as const;
const READERS = ['admin', 'manager', 'sales', 'viewer'] as const;
const MAX_TRIES = 4;

type Usage = Tag['usage'];

const toDto = (row: Row, usage: Usage): Tag => ({
  tag_id: Number(row.tag_id),
  name: String(row.name),
  color: String(row.color) as Color,
  usage,
  created_at: readValue('timestamp', row.created_at) as string,
  updated_at: readValue('timestamp', row.updated_at) as string,
});

const noUsage = (): Usage => ({ contacts: 0, companies: 0, opportunities: 0 });

export class TagsService {
  constructor(private readonly db: Db) {}

  private now() {
    return timestampParam(this.db.dialect, new Date().toISOString());
  }

  /** One transaction, run again when the database aborted it as a conflict (as CrudService does). */
  private async write<T>(actor: Actor, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.db.kysely
          .transaction()
          .execute((trx) => fn({ trx, dialect: this.db.dialect, actor }));
      } catch (e) {
        if (isRetryableConflict(e) && tries < MAX_TRIES) continue;
        throw e;
      }
    }
  }

  private async usage(db: LooseDb, ids?: number[]): Promise<Map<number, Usage>> {
    let q = db
      .selectFrom('record_tags')
      .select(['tag_id', 'resource', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['tag_id', 'resource']);
    if (ids) q = q.where('tag_id', 'in', ids);
    const out = new Map<number, Usage>();
    for (const r of (await q.execute()) as Row[]) {
      const id = Number(r.tag_id);
      const u = out.get(id) ?? noUsage();
      if ((TAGGED_RESOURCES as readonly string[]).includes(String(r.resource)))
        u[r.resource as TaggedResource] = Number(r.n);
      out.set(id, u);
    }
    return out;
  }

  /** Every tag, by name, with its usage (a team has tens or hundreds of tags, not millions). */
  async list(actor: Actor, resource?: TaggedResource): Promise<Tag[]> {
    requireRole(actor, [...READERS], 'read tags');
    const rows = (await this.db.kysely.selectFrom('tags').selectAll().execute()) as Row[];
    const usage = await this.usage(this.db.kysely);
    return rows
      .map((r) => toDto(r, usage.get(Number(r.tag_id)) ?? noUsage()))
      .filter((t) => !resource || t.usage[resource] > 0)
      .sort((a, b) => (tagKey(a.name) < tagKey(b.name) ? -1 : tagKey(a.name) > tagKey(b.name) ? 1 : 0));
  }

  private async find(db: LooseDb, id: number, lock = false): Promise<Row> {
    let q = db.selectFrom('tags').selectAll().where('tag_id', '=', id);
    if (lock && this.db.dialect !== 'sqlite') q = q.forUpdate();
    const row = (await q.executeTakeFirst()) as Row | undefined;
    if (!row) throw notFound(`tag ${id}`);
    return row;
  }

  async get(actor: Actor, id: number): Promise<Tag> {
    requireRole(actor, [...READERS], 'read tags');
    const row = await this.find(this.db.kysely, id);
    return toDto(row, (await this.usage(this.db.kysely, [id])).get(id) ?? noUsage());
  }

  /** The 409 for a name another tag has (ignoring case and accents): use merge instead. */
  private async duplicate(db: LooseDb, name: string, self?: number): Promise<AppError | null> {
    const other = (await db
      .selectFrom('tags')
      .select(['tag_id', 'name'])
      .where('name_key', '=', tagKey(name))
      .executeTakeFirst()) as Row | undefined;
    if (!other || Number(other.tag_id) === self) return null;
    return new AppError(
      409,
      'duplicate',
      'Duplicate tag',
      `The tag "${other.name}" (${other.tag_id}) already has this name; merge into it instead.`,
      {
        errors: [{ field: 'name', code: 'duplicate', message: `is already the name of tag ${other.tag_id}` }],
        existing_id: Number(other.tag_id),
        existing_name: String(other.name),
      },
    );
  }

  /** A new tag; a name another tag has (ignoring case and accents) is a 409 naming it. */
  async create(actor: Actor, input: TagCreate): Promise<Tag> {
    requireRole(actor, [...WRITERS], 'create tags');
    const name = cleanName(input.name);
    const id = await this.write(actor, async ({ trx }) => {
      const dup = await this.duplicate(trx, name);
      if (dup) throw dup;
      const now = this.now();
      const row = {
        name,
        name_key: tagKey(name),
        color: input.color ?? DEFAULT_TAG_COLOR,
        created_at: now,
        updated_at: now,
      };
      if (this.db.dialect === 'mysql')
        return Number((await trx.insertInto('tags').values(row).executeTakeFirstOrThrow()).insertId);
      return Number(
        ((await trx.insertInto('tags').values(row).returning('tag_id').executeTakeFirstOrThrow()) as Row)
          .tag_id,
      );
    }).catch(async (e) => {
      // a concurrent create of the same name won the unique key
      if (isUniqueViolation(e)) throw (await this.duplicate(this.db.kysely, name)) ?? e;
      throw e;
    });
    return this.get(actor, id);
  }

  /** Renames or recolours a tag; a rename rewrites every record carrying it. */
  async update(actor: Actor, id: number, input: TagUpdate): Promise<Tag> {
    requireRole(actor, [...CURATORS], 'rename or recolour tags');
    await this.write(actor, async (ctx) => {
      const tag = await this.find(ctx.trx, id, true);
      const changes: Row = {};
      if (input.color !== undefined && input.color !== tag.color) changes.color = input.color;
      const name = input.name === undefined ? null : cleanName(input.name);
      if (name !== null && name !== tag.name) {
        const dup = await this.duplicate(ctx.trx, name, id);
        if (dup) throw dup;
        changes.name = name;
        changes.name_key = tagKey(name);
      }
      if (Object.keys(changes).length === 0) return;
      await ctx.trx
        .updateTable('tags')
        .set({ ...changes, updated_at: this.now() })
        .where('tag_id', '=', id)
        .execute();
      if (changes.name !== undefined) {
        const oldKey = String(tag.name_key);
        await this.rewrite(ctx, id, (names) =>
          names.map((n) => (tagKey(n) === oldKey ? (name as string) : n)),
        );
      }
    });
    return this.get(actor, id);
  }

  /** Gives the tag's records the target tag instead, then deletes the tag. */
  async merge(actor: Actor, id: number, into: number): Promise<Tag> {
    requireRole(actor, [...CURATORS], 'merge tags');
    if (id === into) throw fieldError('into', 'invalid', 'is the tag being merged: name another tag');
    await this.write(actor, async (ctx) => {
      // locked in ID order, so that two opposite merges wait for each other instead of deadlocking
      const [a, b] = id < into ? [id, into] : [into, id];
      const first = await this.find(ctx.trx, a, true).catch((e) => {
        throw a === into ? intoMissing(into) : e;
      });
      const second = await this.find(ctx.trx, b, true).catch((e) => {
        throw b === into ? intoMissing(into) : e;
      });
      const [source, target] = a === id ? [first, second] : [second, first];
      const sourceKey = String(source.name_key);
      const targetKey = String(target.name_key);
      await this.rewrite(ctx, id, (names) => {
        const kept = names.filter((n) => tagKey(n) !== sourceKey && tagKey(n) !== targetKey);
        return [...kept, String(target.name)];
      });
      // the source's records that lacked the target get its rows, then the source goes
      for (const resource of TAGGED_RESOURCES) {
        const ids = await this.recordIds(ctx.trx, id, resource);
        const has = new Set(await this.recordIds(ctx.trx, into, resource));
        const rows = ids
          .filter((r) => !has.has(r))
          .map((record_id) => ({ tag_id: into, resource, record_id }));
        for (const part of chunks(rows, 500)) await ctx.trx.insertInto('record_tags').values(part).execute();
      }
      await ctx.trx.deleteFrom('record_tags').where('tag_id', '=', id).execute();
      await ctx.trx.deleteFrom('tags').where('tag_id', '=', id).execute();
    });
    return this.get(actor, into);
  }

  /** Deletes a tag, taking it off every record. */
  async remove(actor: Actor, id: number): Promise<void> {
    requireRole(actor, [...CURATORS], 'delete tags');
    await this.write(actor, async (ctx) => {
      const tag = await this.find(ctx.trx, id, true);
      const key = String(tag.name_key);
      await this.rewrite(ctx, id, (names) => names.filter((n) => tagKey(n) !== key));
      await ctx.trx.deleteFrom('record_tags').where('tag_id', '=', id).execute();
      await ctx.trx.deleteFrom('tags').where('tag_id', '=', id).execute();
    });
  }

  private async recordIds(db: LooseDb, tagId: number, resource: string): Promise<number[]> {
    const rows = (await db
      .selectFrom('record_tags')
      .select('record_id')
      .where('tag_id', '=', tagId)
      .where('resource', '=', resource)
      .execute()) as Row[];
    return rows.map((r) => Number(r.record_id));
  }

  /**
   * Rewrites the `tags` of every record carrying the tag with `change` (names in, names out, sorted
   * here by key), each with a new updated_at and an audit entry naming the acting user.
   */
  private async rewrite(ctx: WriteContext, tagId: number, change: (names: string[]) => string[]) {
    const stamp = this.now();
    for (const resource of TAGGED_RESOURCES) {
      const def = DEFS[resource];
      const ids = await this.recordIds(ctx.trx, tagId, resource);
      for (const part of chunks(ids, 500)) {
        let q = ctx.trx.selectFrom(def.table).selectAll().where(def.idColumn, 'in', part);
        if (ctx.dialect !== 'sqlite') q = q.forUpdate();
        const before = (await q.execute()) as Row[];
        const audits = [];
        for (const row of before) {
          const names = sortByKey(change(storedNames(row.tags)));
          const tags = tagsColumn(names);
          const recordId = Number(row[def.idColumn]);
          await ctx.trx
            .updateTable(def.table)
            .set({ tags, updated_at: stamp })
            .where(def.idColumn, '=', recordId)
            .execute();
          const after = { ...row, tags, updated_at: stamp };
          audits.push({
            userId: ctx.actor.userId,
            action: 'update' as const,
            resource: def.path,
            recordId,
            changes: auditChanges(def, row, after, {}),
          });
        }
        await recordAudits(ctx.trx, ctx.dialect, audits);
      }
    }
  }
}

const intoMissing = (into: number) => fieldError('into', 'not_found', `tag ${into} does not exist`);

/** a name as stored: the schema checked it, spaces are tidied */
const cleanName = (name: string) => cleanTagName(name) ?? name.trim();

/** names once each (by key), in the order of their keys, as a record stores them */
function sortByKey(names: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const n of names) if (!byKey.has(tagKey(n))) byKey.set(tagKey(n), n);
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as string);
}
