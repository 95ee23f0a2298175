import type { LooseDb } from '../crud/resource.js';
import type { Parent } from './cascade.js';

export interface Dependents {
  /** companies only */
  contacts?: number;
  opportunities: number;
  interactions: number;
  tasks: number;
}

async function count(
  db: LooseDb,
  table: string,
  column: string,
  ids: number[] | { table: string; idColumn: string; column: string; ids: number[] },
): Promise<number> {
  const { n } = (await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(
      column,
      'in',
      Array.isArray(ids)
        ? ids
        : db.selectFrom(ids.table).select(ids.idColumn).where(ids.column, 'in', ids.ids),
    )
    .executeTakeFirstOrThrow()) as { n: number | string };
  return Number(n);
}

/**
 * What is attached to these contacts or companies (at most ID_LIST_MAX of them): what a delete
 * would ask a choice for. A company's interactions and tasks are those of its contacts, which a
 * delete reaches only when it deletes the contacts too.
 */
export async function countDependents(db: LooseDb, parent: Parent, ids: number[]): Promise<Dependents> {
  if (parent === 'contacts') {
    return {
      opportunities: await count(db, 'opportunities', 'contact_id', ids),
      interactions: await count(db, 'interactions', 'contact_id', ids),
      tasks: await count(db, 'tasks', 'contact_id', ids),
    };
  }
  const theirContacts = { table: 'contacts', idColumn: 'contact_id', column: 'company_id', ids };
  return {
    contacts: await count(db, 'contacts', 'company_id', ids),
    opportunities: await count(db, 'opportunities', 'company_id', ids),
    interactions: await count(db, 'interactions', 'contact_id', theirContacts),
    tasks: await count(db, 'tasks', 'contact_id', theirContacts),
  };
}

export async function countExisting(db: LooseDb, parent: Parent, ids: number[]): Promise<number> {
  return count(db, parent, parent === 'contacts' ? 'contact_id' : 'company_id', ids);
}
