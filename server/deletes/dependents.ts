import type { SelectQueryBuilder } from 'kysely';
import type { LooseDb } from '../crud/resource.js';
import type { Parent } from './cascade.js';

export interface Dependents {
  /** companies only */
  contacts?: number;
  opportunities: number;
  interactions: number;
  tasks: number;
}

/** IDs as a list, or as a query selecting one column of them (an import's records: import-undo.ts) */
// biome-ignore lint/suspicious/noExplicitAny: the engine addresses tables by name
export type IdSet = number[] | SelectQueryBuilder<any, any, any>;

/** Records left out of the counts, by kind: an import's own, which its undo deletes anyway. */
export type Except = Partial<Record<'contacts' | 'opportunities' | 'interactions' | 'tasks', IdSet>>;

const ID_COLUMNS = {
  contacts: 'contact_id',
  opportunities: 'opportunity_id',
  interactions: 'interaction_id',
  tasks: 'task_id',
} as const;

async function count(
  db: LooseDb,
  table: keyof typeof ID_COLUMNS,
  column: string,
  ids: IdSet,
  except: Except,
): Promise<number> {
  let q = db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(column, 'in', ids);
  const skip = except[table];
  if (skip !== undefined && (!Array.isArray(skip) || skip.length > 0))
    q = q.where(ID_COLUMNS[table], 'not in', skip);
  const { n } = (await q.executeTakeFirstOrThrow()) as { n: number | string };
  return Number(n);
}

/**
 * What is attached to these contacts or companies (at most ID_LIST_MAX of them): what a delete
 * would ask a choice for. A company's interactions and tasks are those of its contacts, which a
 * delete reaches only when it deletes the contacts too. `except` leaves records out.
 */
export async function countDependents(
  db: LooseDb,
  parent: Parent,
  ids: IdSet,
  except: Except = {},
): Promise<Dependents> {
  if (parent === 'contacts') {
    return {
      opportunities: await count(db, 'opportunities', 'contact_id', ids, except),
      interactions: await count(db, 'interactions', 'contact_id', ids, except),
      tasks: await count(db, 'tasks', 'contact_id', ids, except),
    };
  }
  let theirContacts = db.selectFrom('contacts').select('contact_id').where('company_id', 'in', ids);
  if (except.contacts !== undefined && (!Array.isArray(except.contacts) || except.contacts.length > 0))
    theirContacts = theirContacts.where('contact_id', 'not in', except.contacts);
  return {
    contacts: await count(db, 'contacts', 'company_id', ids, except),
    opportunities: await count(db, 'opportunities', 'company_id', ids, except),
    interactions: await count(db, 'interactions', 'contact_id', theirContacts, except),
    tasks: await count(db, 'tasks', 'contact_id', theirContacts, except),
  };
}

export async function countExisting(db: LooseDb, parent: Parent, ids: number[]): Promise<number> {
  const { n } = (await db
    .selectFrom(parent)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(parent === 'contacts' ? 'contact_id' : 'company_id', 'in', ids)
    .executeTakeFirstOrThrow()) as { n: number | string };
  return Number(n);
}
