// What undoing an import would do, read from the audit entries the job wrote (each names it:
// WriteContext.importId): the records it created, those it updated with their values before, and
// which of those someone or something else changed since (left alone, reported).
import type { CrudService } from '../crud/crud.service.js';
import type { LooseDb, Values } from '../crud/resource.js';
import { countDependents, type Dependents, type Except } from '../deletes/dependents.js';

/** the kinds an import writes, in the order their created records are deleted (children first) */
export const UNDONE_KINDS = ['interactions', 'opportunities', 'contacts', 'companies'] as const;
export type UndoneKind = (typeof UNDONE_KINDS)[number];
export type KindCounts = Record<UndoneKind, number>;

export interface Conflict {
  resource: UndoneKind;
  id: number;
  /** deleted since, or changed since (its current values are kept) */
  reason: 'changed' | 'deleted';
}

export interface UndoPlan {
  /** IDs of the records the job created that still exist, by kind */
  created: Record<UndoneKind, number[]>;
  /** records the job updated (and did not create), with the values they had before it */
  restore: { resource: UndoneKind; id: number; values: Values }[];
  conflicts: Conflict[];
}

/** IDs one `IN (…)` lists */
const CHUNK = 500;
const isKind = (r: string): r is UndoneKind => (UNDONE_KINDS as readonly string[]).includes(r);
const zero = (): KindCounts => ({ interactions: 0, opportunities: 0, contacts: 0, companies: 0 });

/** The records of one kind the job created, as a subquery (for counts that leave them out). */
export function createdBy(db: LooseDb, importId: number, resource: UndoneKind) {
  return db
    .selectFrom('audit_events')
    .select('record_id')
    .where('import_id', '=', importId)
    .where('resource', '=', resource)
    .where('action', '=', 'create');
}

interface Entry {
  audit_id: number;
  resource: string;
  record_id: number;
  action: string;
  changes: string | null;
}

/**
 * Reads the job's audit entries (all of them: memory grows with the job, about a hundred bytes a
 * record) and the entries written since for the records it updated.
 */
export async function planUndo(
  db: LooseDb,
  importId: number,
  services: Record<UndoneKind, CrudService>,
): Promise<UndoPlan> {
  const entries = (await db
    .selectFrom('audit_events')
    .select(['audit_id', 'resource', 'record_id', 'action', 'changes'])
    .where('import_id', '=', importId)
    .orderBy('audit_id')
    .execute()) as Entry[];
  const created = new Map<string, Set<number>>();
  const updated = new Map<string, { resource: UndoneKind; id: number; values: Values; last: number }>();
  const last = new Map<string, number>();
  for (const e of entries) {
    const resource = String(e.resource);
    if (!isKind(resource)) continue;
    const id = Number(e.record_id);
    const key = `${resource}:${id}`;
    last.set(key, Number(e.audit_id));
    if (e.action === 'create') {
      if (!created.has(resource)) created.set(resource, new Set());
      created.get(resource)?.add(id);
    } else if (e.action === 'update' && e.changes) {
      const def = services[resource].def;
      const u = updated.get(key) ?? { resource, id, values: {}, last: 0 };
      // a record updated twice by the job goes back to what it was before the first update
      for (const [field, [before]] of Object.entries(JSON.parse(e.changes) as Record<string, unknown[]>))
        if (restorable(def, field) && !(field in u.values)) u.values[field] = before;
      updated.set(key, u);
    }
  }
  for (const [key, u] of updated) {
    u.last = last.get(key) ?? 0;
    if (created.get(u.resource)?.has(u.id) || Object.keys(u.values).length === 0) updated.delete(key);
  }

  const plan: UndoPlan = { created: { ...emptyIds() }, restore: [], conflicts: [] };
  for (const kind of UNDONE_KINDS) {
    const ids = [...(created.get(kind) ?? [])];
    plan.created[kind] = await existing(db, services[kind], ids);
  }
  for (const kind of UNDONE_KINDS) {
    const mine = [...updated.values()].filter((u) => u.resource === kind);
    const later = await laterEntries(
      db,
      importId,
      kind,
      mine.map((u) => u.id),
    );
    for (const u of mine) {
      const since = later.get(u.id)?.filter((l) => l.audit_id > u.last) ?? [];
      if (since.length === 0) plan.restore.push({ resource: kind, id: u.id, values: u.values });
      else
        plan.conflicts.push({
          resource: kind,
          id: u.id,
          reason: since.some((l) => l.action === 'delete' || l.action === 'erase') ? 'deleted' : 'changed',
        });
    }
  }
  return plan;
}

/** Fields an update's `before` gives back: not the ID, not the timestamps the write sets itself. */
function restorable(def: CrudService['def'], field: string) {
  return field in def.fields && field !== def.idColumn && field !== 'created_at' && field !== 'updated_at';
}

const emptyIds = (): Record<UndoneKind, number[]> => ({
  interactions: [],
  opportunities: [],
  contacts: [],
  companies: [],
});

async function existing(db: LooseDb, svc: CrudService, ids: number[]): Promise<number[]> {
  const out: number[] = [];
  const { table, idColumn } = svc.def;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom(table)
      .select(idColumn)
      .where(idColumn, 'in', ids.slice(i, i + CHUNK))
      .execute();
    out.push(...rows.map((r) => Number(r[idColumn])));
  }
  return out.sort((a, b) => a - b);
}

/** The audit entries of these records written by anything but this job, by record. */
async function laterEntries(db: LooseDb, importId: number, resource: string, ids: number[]) {
  const out = new Map<number, { audit_id: number; action: string }[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['audit_id', 'record_id', 'action'])
      .where('resource', '=', resource)
      .where('record_id', 'in', ids.slice(i, i + CHUNK))
      .where((eb) => eb.or([eb('import_id', 'is', null), eb('import_id', '<>', importId)]))
      .execute();
    for (const r of rows) {
      const id = Number(r.record_id);
      out.set(id, [...(out.get(id) ?? []), { audit_id: Number(r.audit_id), action: String(r.action) }]);
    }
  }
  return out;
}

export interface UndoPreview {
  /** the records the job created that still exist: what the undo deletes */
  created: KindCounts;
  /** records attached since to the contacts and to the companies it created: what needs a choice */
  attached: { contacts: Dependents; companies: Required<Dependents> };
  /** the records it updated that go back to their values before it */
  restore: KindCounts;
  /** the records it updated that were changed or deleted since: left as they are */
  conflicts: Conflict[];
}

/** The counts the confirmation shows (GET /imports/{id}/undo), and what the POST checks. */
export async function previewOf(db: LooseDb, importId: number, plan: UndoPlan): Promise<UndoPreview> {
  const created = zero();
  for (const k of UNDONE_KINDS) created[k] = plan.created[k].length;
  const restore = zero();
  for (const r of plan.restore) restore[r.resource]++;
  // the job's own records go with the undo: only what was attached since asks a choice
  const own: Except = {
    contacts: createdBy(db, importId, 'contacts'),
    opportunities: createdBy(db, importId, 'opportunities'),
    interactions: createdBy(db, importId, 'interactions'),
  };
  return {
    created,
    attached: {
      contacts: await countDependents(db, 'contacts', createdBy(db, importId, 'contacts'), own),
      companies: (await countDependents(
        db,
        'companies',
        createdBy(db, importId, 'companies'),
        own,
      )) as Required<Dependents>,
    },
    restore,
    conflicts: plan.conflicts,
  };
}
