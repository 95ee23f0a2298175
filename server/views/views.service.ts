import {
  type SavedView,
  type SavedViewCreate,
  type SavedViewUpdate,
  VIEWS_PER_LIST_MAX,
  type ViewResource,
} from '../../shared/views.js';
import { forbidden, unauthorized } from '../auth/permissions.js';
import { companies } from '../companies/companies.resource.js';
import { contacts } from '../contacts/contacts.resource.js';
import { readValue, writeValue } from '../crud/convert.js';
import { listQuery } from '../crud/list.js';
import type { Actor, ResourceDef, Row } from '../crud/resource.js';
import { listQuerySchema } from '../crud/schemas.js';
import { loadFields } from '../custom-fields/definitions.js';
import { customDefinitionsFor } from '../custom-fields/filters.js';
import { customEntity } from '../custom-fields/record-values.js';
import { checkCustomSort } from '../custom-fields/sort.js';
import type { Db } from '../db/connect.js';
import { isUniqueViolation, timestampParam } from '../db/dialect.js';
import { AppError, badRequest, type FieldError, fieldError, notFound } from '../errors.js';
import { checkQuery } from '../http/validation.js';
import { nameKey } from '../lib/text.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { tasks } from '../tasks/tasks.resource.js';

const LISTS: Record<ViewResource, ResourceDef> = { contacts, companies, opportunities, tasks };

/** Who may share a view with the team, or change or delete a shared one. */
const SHARERS = ['admin', 'manager'];

const signedIn = (actor: Actor): number => {
  if (actor.userId === null) throw unauthorized();
  return actor.userId;
};

/**
 * A view's query must be one its list takes: the list's own query schema (types, formats, known
 * parameters), then the list's rules (sortable fields, `relevance` needing `q`, filter values),
 * checked by building the list's query without running it. Errors name `query.<parameter>`.
 */
async function checkViewQuery(def: ResourceDef, query: Record<string, string>, actor: Actor, db: Db) {
  const { limit: _l, cursor: _c, ...params } = listQuerySchema(def).properties;
  const schema = { ...listQuerySchema(def), properties: params };
  const values = checkQuery(schema, query, 'query');
  try {
    const custom = await customDefinitionsFor(db.kysely, def, values);
    checkCustomSort(custom, values.sort as string | undefined);
    listQuery(db.kysely, def, values, { dialect: db.dialect, actor, custom });
  } catch (e) {
    if (e instanceof AppError && e.extra.errors)
      throw badRequest(
        e.extra.errors.map((f: FieldError) => ({ ...f, field: `query.${f.field}` })),
        `query: ${e.message}`,
      );
    throw e;
  }
}

/** A view's columns: the list's fields, and its custom fields as `cf.<key>`. */
async function checkColumns(def: ResourceDef, columns: string[] | null | undefined, db: Db) {
  if (!columns) return;
  const entity = customEntity(def);
  const custom = entity ? await loadFields(db.kysely, entity) : [];
  const allowed = [...Object.keys(def.fields), ...custom.map((f) => `cf.${f.key}`)];
  const unknown = columns.find((c) => !allowed.includes(c));
  if (unknown !== undefined)
    throw fieldError('columns', 'invalid_choice', `"${unknown}" is not a column of ${def.path}`, { allowed });
}

/** a stored view is shared (the column as each driver returns a boolean) */
const isShared = (row: Row) => readValue('bool', row.shared) === true;

const toDto = (row: Row): SavedView => ({
  view_id: Number(row.view_id),
  resource: row.resource as ViewResource,
  name: String(row.name),
  shared: isShared(row),
  owner_id: Number(row.owner_id),
  query: JSON.parse(String(row.query)),
  columns: row.columns === null ? null : JSON.parse(String(row.columns)),
  created_at: readValue('timestamp', row.created_at) as string,
  updated_at: readValue('timestamp', row.updated_at) as string,
});

/**
 * Saved views: a user's own views of a list, and the team's shared ones. Anyone signed in keeps
 * their own (viewers too: a view changes no record); sharing, and changing or deleting a shared
 * view, is for managers and admins. Another user's personal view is not found, not forbidden:
 * its existence is nobody else's business.
 */
export class ViewsService {
  constructor(private readonly db: Db) {}

  async list(actor: Actor, resource?: ViewResource): Promise<SavedView[]> {
    const userId = signedIn(actor);
    const rows = await this.db.kysely
      .selectFrom('saved_views')
      .selectAll()
      .where((eb) => eb.or([eb('shared', '=', this.bool(true)), eb('owner_id', '=', userId)]))
      .$if(resource !== undefined, (q) => q.where('resource', '=', resource as string))
      .orderBy('resource')
      .orderBy('scope')
      .orderBy('name_key')
      .orderBy('view_id')
      .execute();
    return rows.map(toDto);
  }

  async get(actor: Actor, id: number): Promise<SavedView> {
    return toDto(await this.visible(actor, id));
  }

  async create(actor: Actor, body: SavedViewCreate): Promise<SavedView> {
    const userId = signedIn(actor);
    const shared = body.shared ?? false;
    if (shared) this.mayShare(actor);
    const def = LISTS[body.resource as ViewResource];
    const query = body.query ?? {};
    await checkViewQuery(def, query, actor, this.db);
    await checkColumns(def, body.columns, this.db);
    const scope = shared ? 0 : userId;
    await this.roomFor(body.resource, scope);
    const stamp = timestampParam(this.db.dialect, new Date().toISOString());
    const id = await this.write(async () => {
      const values = {
        resource: body.resource,
        name: body.name,
        name_key: this.key(body.name),
        owner_id: userId,
        shared: this.bool(shared),
        scope,
        query: JSON.stringify(query),
        columns: body.columns ? JSON.stringify(body.columns) : null,
        created_at: stamp,
        updated_at: stamp,
      };
      if (this.db.dialect === 'mysql') {
        const r = await this.db.kysely.insertInto('saved_views').values(values).executeTakeFirstOrThrow();
        return Number(r.insertId);
      }
      const r = await this.db.kysely
        .insertInto('saved_views')
        .values(values)
        .returning('view_id')
        .executeTakeFirstOrThrow();
      return Number(r.view_id);
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, body: SavedViewUpdate): Promise<SavedView> {
    const row = await this.visible(actor, id);
    const wasShared = isShared(row);
    this.mayChange(actor, row);
    const shared = body.shared ?? wasShared;
    if (shared !== wasShared) this.mayShare(actor);
    const def = LISTS[String(row.resource) as ViewResource];
    if (body.query) await checkViewQuery(def, body.query, actor, this.db);
    await checkColumns(def, body.columns, this.db);
    // unshared, a view becomes its owner's again
    const scope = shared ? 0 : Number(row.owner_id);
    if (scope !== Number(row.scope)) await this.roomFor(String(row.resource), scope);
    const changes: Record<string, unknown> = {
      shared: this.bool(shared),
      scope,
      updated_at: timestampParam(this.db.dialect, new Date().toISOString()),
    };
    if (body.name !== undefined) Object.assign(changes, { name: body.name, name_key: this.key(body.name) });
    if (body.query !== undefined) changes.query = JSON.stringify(body.query);
    if (body.columns !== undefined) changes.columns = body.columns ? JSON.stringify(body.columns) : null;
    await this.write(() =>
      this.db.kysely.updateTable('saved_views').set(changes).where('view_id', '=', id).execute(),
    );
    // read back as it now is: unshared by an admin, it is no longer the admin's to see
    const after = await this.db.kysely
      .selectFrom('saved_views')
      .selectAll()
      .where('view_id', '=', id)
      .executeTakeFirst();
    if (!after) throw notFound(`view ${id}`); // deleted meanwhile
    return toDto(after);
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const row = await this.visible(actor, id);
    this.mayChange(actor, row);
    await this.db.kysely.deleteFrom('saved_views').where('view_id', '=', id).execute();
  }

  private async visible(actor: Actor, id: number): Promise<Row> {
    const userId = signedIn(actor);
    const row = await this.db.kysely
      .selectFrom('saved_views')
      .selectAll()
      .where('view_id', '=', id)
      .executeTakeFirst();
    if (!row || (!isShared(row) && Number(row.owner_id) !== userId)) throw notFound(`view ${id}`);
    return row;
  }

  private mayShare(actor: Actor) {
    if (!SHARERS.includes(actor.role ?? ''))
      throw forbidden('role_not_allowed', `Your role (${actor.role}) cannot share views with the team.`);
  }

  /** One's own personal view; a shared one for managers and admins. */
  private mayChange(actor: Actor, row: Row) {
    if (isShared(row)) {
      if (!SHARERS.includes(actor.role ?? ''))
        throw forbidden('role_not_allowed', `Your role (${actor.role}) cannot change the team's views.`);
      return;
    }
    if (Number(row.owner_id) !== actor.userId) throw notFound(`view ${row.view_id}`);
  }

  private async roomFor(resource: string, scope: number) {
    const { n } = await this.db.kysely
      .selectFrom('saved_views')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('resource', '=', resource)
      .where('scope', '=', scope)
      .executeTakeFirstOrThrow();
    if (Number(n) >= VIEWS_PER_LIST_MAX)
      throw fieldError(
        'name',
        'too_many',
        `there are already ${VIEWS_PER_LIST_MAX} ${scope === 0 ? 'shared views' : 'views of yours'} of ${resource}`,
        { limit: VIEWS_PER_LIST_MAX },
      );
  }

  /** A name twice in one scope (a user's own views, or the shared ones) is a 409. */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (isUniqueViolation(e))
        throw new AppError(409, 'duplicate', 'Duplicate', 'A view of this list already has this name.', {
          errors: [
            { field: 'name', code: 'duplicate', message: 'is already the name of another view of this list' },
          ],
        });
      throw e;
    }
  }

  private key(name: string) {
    // a name of only punctuation still gets a key of its own
    return nameKey(name) ?? name.trim().toLowerCase();
  }

  private bool(v: boolean) {
    return writeValue('shared', 'bool', v, this.db.dialect) as boolean;
  }
}
