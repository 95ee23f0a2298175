// A record's tags, kept in step (issue 13). The record's `tags` column holds the names, as JSON,
// the way the API shows them; record_tags indexes them by tag ID for `?tag=` and for a rename or
// merge to find the records it rewrites. Names are resolved against the tags by their folded key
// (case and accents ignored), unknown ones creating a tag, and stored as the tag's own name, each
// once, in the order of their keys: the same set of tags is always the same value (and ETag).
import {
  cleanTagName,
  TAG_FILTER_MAX,
  TAG_NAME_MAX,
  TAGS_PER_RECORD_MAX,
  TagFilter,
} from '../../shared/tags.js';
import type { DialectName } from '../config.js';
import type { ExtraFilter, LooseDb, ResourceDef, Row, Values, WriteContext } from '../crud/resource.js';
import { timestampParam } from '../db/dialect.js';
import { insertMany } from '../db/pg-unnest.js';
import { fieldError } from '../errors.js';
import { chunks } from '../lib/chunks.js';
import { nameKey } from '../lib/text.js';

export const DEFAULT_TAG_COLOR = 'gray';

interface TagRef {
  tag_id: number;
  name: string;
}

/** The key a name is unique by: folded (nameKey), or lowered when it has no letter or digit ("!!!"). */
export function tagKey(name: string): string {
  const folded = nameKey(name) ?? name.toLowerCase();
  return [...folded].slice(0, TAG_NAME_MAX).join('');
}

/** the record carries tags */
export const isTagged = (def: ResourceDef) => def.fields.tags === 'list';

/**
 * The tags a transaction has resolved, by key: an import resolves "VIP" once for its batch, not
 * once a row. Per transaction object, so a rolled-back tag is never reused.
 */
const resolved = new WeakMap<object, Map<string, TagRef>>();
const cacheOf = (trx: LooseDb) => {
  const known = resolved.get(trx);
  if (known) return known;
  const c = new Map<string, TagRef>();
  resolved.set(trx, c);
  return c;
};

/** The stored tags of these keys (the cached ones first), creating the missing ones in gray. */
async function tagsByKeys(
  ctx: { trx: LooseDb; dialect: DialectName },
  wanted: Map<string, string>,
  create: boolean,
): Promise<Map<string, TagRef>> {
  const cache = cacheOf(ctx.trx);
  const missing = [...wanted.keys()].filter((k) => !cache.has(k));
  const read = async (keys: string[], lock: boolean) => {
    for (const part of chunks(keys, 500)) {
      let q = ctx.trx.selectFrom('tags').select(['tag_id', 'name', 'name_key']).where('name_key', 'in', part);
      // MySQL's repeatable read would not see a tag another transaction just created
      if (lock && ctx.dialect === 'mysql') q = q.forUpdate();
      for (const r of (await q.execute()) as Row[])
        cache.set(String(r.name_key), { tag_id: Number(r.tag_id), name: String(r.name) });
    }
  };
  if (missing.length > 0) await read(missing, false);
  const absent = missing.filter((k) => !cache.has(k));
  if (create && absent.length > 0) {
    const now = timestampParam(ctx.dialect, new Date().toISOString());
    const rows = absent.map((k) => ({
      name: wanted.get(k),
      name_key: k,
      color: DEFAULT_TAG_COLOR,
      created_at: now,
      updated_at: now,
    }));
    // a concurrent request may create the same tag: its row is taken, not a duplicate error
    for (const part of chunks(rows, 500)) {
      const q = ctx.trx.insertInto('tags').values(part);
      await (ctx.dialect === 'mysql'
        ? q.ignore()
        : q.onConflict((oc) => oc.column('name_key').doNothing())
      ).execute();
    }
    await read(absent, true);
  }
  return new Map([...wanted.keys()].flatMap((k) => (cache.has(k) ? [[k, cache.get(k) as TagRef]] : [])));
}

/**
 * Names as a record stores them: cleaned, matched to existing tags (or creating them), each once,
 * sorted by key. Invalid names and more than 50 tags are the field's errors.
 */
export async function resolveTagNames(
  ctx: WriteContext,
  names: unknown[],
  field = 'tags',
): Promise<string[]> {
  const wanted = new Map<string, string>();
  for (const [i, raw] of names.entries()) {
    const name = typeof raw === 'string' ? cleanTagName(raw) : null;
    if (name === null)
      throw fieldError(
        `${field}.${i}`,
        'invalid_format',
        `must be a tag name of 1 to ${TAG_NAME_MAX} characters without , ; :: or control characters`,
      );
    const key = tagKey(name);
    if (!wanted.has(key)) wanted.set(key, name);
  }
  if (wanted.size > TAGS_PER_RECORD_MAX)
    throw fieldError(field, 'too_many', `a record carries at most ${TAGS_PER_RECORD_MAX} tags`, {
      limit: TAGS_PER_RECORD_MAX,
    });
  const tags = await tagsByKeys(ctx, wanted, true);
  return [...wanted.keys()].sort().map((k) => tags.get(k)?.name ?? (wanted.get(k) as string));
}

/** A stored `tags` value (JSON text) as names. */
export function storedNames(v: unknown): string[] {
  if (v === null || v === undefined || v === '') return [];
  if (Array.isArray(v)) return v.map(String);
  try {
    const parsed = JSON.parse(String(v));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** names → the column's value: JSON, or NULL for none (as writeValue stores a list) */
export const tagsColumn = (names: string[]) => (names.length > 0 ? JSON.stringify(names) : null);

/**
 * The column values of a write with its `tags` resolved (writeValues made them JSON): called by the
 * engine before the values are compared with the stored row, so "vip" over "VIP" is no change.
 */
export async function withResolvedTags(def: ResourceDef, ctx: WriteContext, values: Values): Promise<Values> {
  if (!isTagged(def) || values.tags === undefined || values.tags === null) return values;
  return { ...values, tags: tagsColumn(await resolveTagNames(ctx, storedNames(values.tags))) };
}

/** tag IDs of names a record stores (they name existing tags, resolved when it was written) */
async function idsOf(ctx: { trx: LooseDb; dialect: DialectName }, names: string[]): Promise<number[]> {
  const wanted = new Map(names.map((n) => [tagKey(n), n]));
  const tags = await tagsByKeys(ctx, wanted, true);
  return [...tags.values()].map((t) => t.tag_id);
}

/** After a record's write (before null on create, after null on delete): its record_tags rows. */
export async function syncRecordTags(
  ctx: WriteContext,
  def: ResourceDef,
  id: number,
  before: Row | null,
  after: Row | null,
) {
  if (!isTagged(def)) return;
  const was = before?.tags ?? null;
  const now = after?.tags ?? null;
  if (before && after && String(was) === String(now)) return;
  if (before && was !== null)
    await ctx.trx
      .deleteFrom('record_tags')
      .where('resource', '=', def.path)
      .where('record_id', '=', id)
      .execute();
  const names = storedNames(now);
  if (names.length === 0) return;
  const ids = await idsOf(ctx, names);
  await ctx.trx
    .insertInto('record_tags')
    .values(ids.map((tag_id) => ({ tag_id, resource: def.path, record_id: id })))
    .execute();
}

/** The record_tags rows of records just created together (an import's batch), in one statement a kind. */
export async function addRecordTags(ctx: WriteContext, def: ResourceDef, rows: { id: number; row: Row }[]) {
  if (!isTagged(def)) return;
  const tagged = rows.filter((r) => storedNames(r.row.tags).length > 0);
  if (tagged.length === 0) return;
  const names = tagged.flatMap((r) => storedNames(r.row.tags));
  const tags = await tagsByKeys(ctx, new Map(names.map((n) => [tagKey(n), n])), true);
  const out = tagged.flatMap((r) =>
    storedNames(r.row.tags).flatMap((n) => {
      const t = tags.get(tagKey(n));
      return t ? [{ tag_id: t.tag_id, resource: def.path, record_id: r.id }] : [];
    }),
  );
  await insertMany(ctx.trx, ctx.dialect, 'record_tags', ['tag_id', 'resource', 'record_id'], out);
}

/** Removes the record_tags rows of records deleted or erased without the engine (bulk paths). */
export async function dropRecordTags(trx: LooseDb, resource: string, ids: number[]) {
  for (const part of chunks(ids, 1000))
    await trx
      .deleteFrom('record_tags')
      .where('resource', '=', resource)
      .where('record_id', 'in', part)
      .execute();
}

/**
 * `?tag=VIP,Salon 2026`: the records having every one of these tags, each name walking the tags'
 * unique key then record_tags' (tag_id, resource, record_id) index. An unknown name matches nothing.
 */
export function tagFilter(def: Pick<ResourceDef, 'path' | 'idColumn'>): ExtraFilter {
  return {
    param: 'tag',
    schema: TagFilter,
    apply(qb, value, at) {
      const names = [
        ...new Set(
          String(value)
            .split(',')
            .map((n) => n.trim())
            .filter((n) => n !== '')
            .map(tagKey),
        ),
      ];
      if (names.length === 0) throw fieldError('tag', 'invalid_format', 'must name at least one tag');
      if (names.length > TAG_FILTER_MAX)
        throw fieldError('tag', 'too_many', `at most ${TAG_FILTER_MAX} tags`, { limit: TAG_FILTER_MAX });
      let q = qb;
      for (const key of names) {
        q = q.where(
          `${at.table}.${at.idColumn}`,
          'in',
          at.db
            .selectFrom('record_tags as rt')
            .innerJoin('tags as tg', 'tg.tag_id', 'rt.tag_id')
            .select('rt.record_id')
            .where('rt.resource', '=', def.path)
            .where('tg.name_key', '=', key),
        );
      }
      return q;
    },
  };
}
