import { authorizeWrite } from '../auth/permissions.js';
import type { CrudService } from '../crud/crud.service.js';
import type { LooseDb, Values, WriteContext } from '../crud/resource.js';
import { AppError, notFound } from '../errors.js';

/** What may be done with the records attached to a deleted contact or company (docs/api.md). */
export type Choice = 'unlink' | 'delete';
export interface DeleteOptions {
  /** companies only: their contacts lose the company, or are deleted (with the options below) */
  contacts?: Choice;
  opportunities?: Choice;
  /** interactions cannot lose their contact: deleting them is the only way */
  interactions?: 'delete';
  tasks?: 'delete';
}

export type Parent = 'contacts' | 'companies';
export type Services = Record<Parent | 'opportunities' | 'interactions' | 'tasks', CrudService>;

export const COUNT_KEYS = [
  'contacts_deleted',
  'contacts_unlinked',
  'opportunities_deleted',
  'opportunities_unlinked',
  'interactions_deleted',
  'interactions_unlinked',
  'tasks_deleted',
  'tasks_unlinked',
] as const;
export type DeleteCounts = Record<(typeof COUNT_KEYS)[number], number>;

export const zeroCounts = (): DeleteCounts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as DeleteCounts;

/** the choices each attached kind offers, in the order a 409 names them */
export const CHOICES: Record<string, readonly string[]> = {
  contacts: ['unlink', 'delete'],
  opportunities: ['unlink', 'delete'],
  interactions: ['delete'],
  tasks: ['delete'],
};

/** Parameter lists stay far below every driver's limit, whatever a company holds. */
const CHUNK = 500;

interface DealRow {
  opportunity_id: number;
  contact_id: number | null;
  company_id: number | null;
}

async function rowsWhere<R>(
  trx: LooseDb,
  table: string,
  columns: string[],
  column: string,
  values: number[],
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    const rows = await trx
      .selectFrom(table)
      .select(columns)
      .where(column, 'in', values.slice(i, i + CHUNK))
      .execute();
    out.push(
      ...rows.map(
        (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : Number(v)])) as R,
      ),
    );
  }
  return out;
}

async function idsWhere(trx: LooseDb, table: string, idColumn: string, column: string, values: number[]) {
  const rows = await rowsWhere<Record<string, number>>(trx, table, [idColumn], column, values);
  return [...new Set(rows.map((r) => r[idColumn]))];
}

const without = (xs: number[], drop: number[]) => {
  const set = new Set(drop);
  return xs.filter((x) => !set.has(x));
};

/**
 * Deletes one contact or company with what is attached to it, as `opts` says, in the caller's
 * transaction. Every attached record is deleted or updated through its own resource's rules:
 * the caller must be allowed to change it, and it gets the audit entry a single delete or update
 * would write. Nothing that the options do not name is deleted: records that pointed at a deleted
 * deal or contact but belong elsewhere only lose that link.
 */
export async function deleteWithDependents(
  svc: Services,
  ctx: WriteContext,
  parent: Parent,
  id: number,
  opts: DeleteOptions,
  ifMatch?: string,
): Promise<DeleteCounts> {
  const { trx } = ctx;
  const target = svc[parent];
  const row = await target.findRow(trx, id, true);
  if (!row) throw notFound(`${target.def.label} ${id}`);
  target.checkIfMatch(row, ifMatch);
  // the record itself first: a viewer, or sales on another's record, learn that before anything else
  authorizeWrite(ctx.actor, target.def, row, null);

  const missing: { resource: string; count: number }[] = [];
  const need = (resource: string, count: number, given: string | undefined) => {
    if (count > 0 && given === undefined) missing.push({ resource, count });
  };

  const companyContacts =
    parent === 'companies' ? await idsWhere(trx, 'contacts', 'contact_id', 'company_id', [id]) : [];
  need('contacts', companyContacts.length, opts.contacts);
  const deletedContacts = parent === 'contacts' ? [id] : opts.contacts === 'delete' ? companyContacts : [];
  const unlinkedContacts = opts.contacts === 'unlink' ? companyContacts : [];

  const dealColumns = ['opportunity_id', 'contact_id', 'company_id'];
  const directDeals = await rowsWhere<DealRow>(
    trx,
    'opportunities',
    dealColumns,
    parent === 'contacts' ? 'contact_id' : 'company_id',
    [id],
  );
  need('opportunities', directDeals.length, opts.opportunities);
  const directIds = directDeals.map((d) => d.opportunity_id);
  // a deleted contact's deals at other companies are not this company's to delete: they lose the contact
  const sideDeals =
    parent === 'companies'
      ? (await rowsWhere<DealRow>(trx, 'opportunities', dealColumns, 'contact_id', deletedContacts)).filter(
          (d) => !directIds.includes(d.opportunity_id),
        )
      : [];
  const deletedDeals = opts.opportunities === 'delete' ? directIds : [];
  const unlinkedDeals = [...(opts.opportunities === 'unlink' ? directDeals : []), ...sideDeals];

  const deletedInteractions = await idsWhere(
    trx,
    'interactions',
    'interaction_id',
    'contact_id',
    deletedContacts,
  );
  need('interactions', deletedInteractions.length, opts.interactions);
  const deletedTasks = await idsWhere(trx, 'tasks', 'task_id', 'contact_id', deletedContacts);
  need('tasks', deletedTasks.length, opts.tasks);
  if (missing.length > 0) throw needsChoice(target.def.label, id, missing);

  // the deleted deals' other interactions and tasks stay with their contact, without the deal
  const unlinkedInteractions = without(
    await idsWhere(trx, 'interactions', 'interaction_id', 'opportunity_id', deletedDeals),
    deletedInteractions,
  );
  const unlinkedTasks = without(
    await idsWhere(trx, 'tasks', 'task_id', 'opportunity_id', deletedDeals),
    deletedTasks,
  );

  // a deleted company's own tasks stay, without the company, as a deleted deal's do
  const taskChanges = new Map<number, Values>(unlinkedTasks.map((k) => [k, { opportunity_id: null }]));
  if (parent === 'companies')
    for (const k of without(await idsWhere(trx, 'tasks', 'task_id', 'company_id', [id]), deletedTasks))
      taskChanges.set(k, { ...taskChanges.get(k), company_id: null });

  const attached = async (resource: keyof Services, rid: number, change: Values | null) => {
    try {
      if (change === null) await svc[resource].removeIn(ctx, rid);
      else await svc[resource].updateIn(ctx, rid, change);
    } catch (e) {
      throw e instanceof AppError && e.status === 403
        ? notYours(svc[resource].def.label, resource, rid, target.def.label, id, e)
        : e;
    }
  };

  // children before parents, so that each delete finds nothing still pointing at its record
  for (const i of deletedInteractions) await attached('interactions', i, null);
  for (const k of deletedTasks) await attached('tasks', k, null);
  for (const i of unlinkedInteractions) await attached('interactions', i, { opportunity_id: null });
  for (const [k, change] of taskChanges) await attached('tasks', k, change);
  for (const d of unlinkedDeals) {
    const change: Values = {};
    if (parent === 'companies' && d.company_id === id) change.company_id = null;
    if (d.contact_id !== null && deletedContacts.includes(d.contact_id)) change.contact_id = null;
    await attached('opportunities', d.opportunity_id, change);
  }
  for (const d of deletedDeals) await attached('opportunities', d, null);
  for (const c of unlinkedContacts) await attached('contacts', c, { company_id: null });
  if (parent === 'companies') for (const c of deletedContacts) await attached('contacts', c, null);
  await target.removeIn(ctx, id);

  return {
    contacts_deleted: parent === 'companies' ? deletedContacts.length : 0,
    contacts_unlinked: unlinkedContacts.length,
    opportunities_deleted: deletedDeals.length,
    opportunities_unlinked: unlinkedDeals.length,
    interactions_deleted: deletedInteractions.length,
    interactions_unlinked: unlinkedInteractions.length,
    tasks_deleted: deletedTasks.length,
    tasks_unlinked: taskChanges.size,
  };
}

/** The 409 of a delete whose attached records need a choice: what is attached, and what to pass. */
function needsChoice(label: string, id: number, refs: { resource: string; count: number }[]) {
  const list = refs.map((r) => `${r.count} ${r.resource}`).join(', ');
  const options = Object.fromEntries(refs.map((r) => [r.resource, CHOICES[r.resource]]));
  const how = refs.map((r) => `${r.resource}=${CHOICES[r.resource].join('|')}`).join(', ');
  return new AppError(
    409,
    'still-referenced',
    'Still referenced',
    `${label} ${id} is still referenced by ${list}; nothing was deleted. To delete it with them, pass ${how}.`,
    { references: refs, options },
  );
}

/** A 403 on an attached record names that record: the caller can ask its owner or a manager. */
function notYours(
  label: string,
  resource: string,
  rid: number,
  parentLabel: string,
  parentId: number,
  cause: AppError,
) {
  return new AppError(
    403,
    'forbidden',
    'Not allowed',
    `${label} ${rid}, attached to ${parentLabel} ${parentId}, cannot be changed by you (${cause.message}); nothing was deleted.`,
    { code: cause.extra.code, record: { resource, id: rid } },
  );
}
