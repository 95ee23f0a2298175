import type { ResourceDef, Row, Values, WriteContext } from '../crud/resource.js';
import { customFilter } from '../custom-fields/filters.js';
import { customWords } from '../custom-fields/record-values.js';
import { timestampParam } from '../db/dialect.js';
import { fieldError } from '../errors.js';
import { searchText } from '../lib/text.js';
import { dateFromDb, isoFromDb } from '../lib/time.js';

/**
 * The instant an all-day task sorts at: noon UTC of its day, which lies inside that calendar day
 * from UTC−11 to UTC+11, so a day's all-day and timed tasks stay together in nearly every zone.
 */
export const allDaySortInstant = (day: string) => `${day}T12:00:00.000Z`;

export const tasks: ResourceDef = {
  path: 'tasks',
  table: 'tasks',
  idColumn: 'task_id',
  label: 'task',
  extraFilters: [customFilter],
  fields: {
    task_id: 'id',
    title: 'text',
    opportunity_id: 'id',
    contact_id: 'id',
    company_id: 'id',
    assignee_id: 'user',
    due_at: 'timestamp',
    due_date: 'date',
    status: 'text',
    completed_at: 'timestamp',
    custom_fields: 'map',
    created_at: 'timestamp',
    updated_at: 'timestamp',
  },
  // due_at for a timed task, noon UTC of due_date for an all-day one (migration 0015)
  internalFields: { due: 'timestamp' },
  // status is not required: a new task defaults to open (prepare); the schema refuses null on update
  required: ['title'],
  sortable: ['due', 'due_at', 'status', 'title', 'completed_at', 'created_at', 'updated_at'],
  defaultSort: 'due',
  search: { joins: [] },
  relations: [
    { field: 'opportunity_id', table: 'opportunities', idColumn: 'opportunity_id', label: 'opportunity' },
    { field: 'contact_id', table: 'contacts', idColumn: 'contact_id', label: 'contact' },
    { field: 'company_id', table: 'companies', idColumn: 'company_id', label: 'company' },
    { field: 'assignee_id', table: 'users', idColumn: 'user_id', label: 'user' },
  ],
  references: [],
  // the assignee: defaults to the caller; sales change only their own or unassigned tasks, but
  // may give a task to any active colleague (docs/security.md)
  ownerField: 'assignee_id',
  assignable: true,
  async prepare(values, existing, ctx) {
    const out: Values = { ...values };
    if (existing === null) out.status ??= 'open';
    // completed_at records when the task was done; reopening clears it
    if (out.status === 'done' && existing?.status !== 'done')
      out.completed_at = timestampParam(ctx.dialect, new Date().toISOString());
    if (out.status === 'open' && existing?.status !== 'open') out.completed_at = null;
    if ('title' in values || 'custom_fields' in values) {
      const merged = { ...(existing ?? {}), ...values };
      out.search_text = searchText([
        merged.title as string,
        ...(await customWords(ctx.trx, tasks, merged.custom_fields)),
      ]);
    }
    Object.assign(out, dueColumns(values, existing, ctx));
    await checkAssignee(values, existing, ctx);
    return out;
  },
};

/**
 * A task is due at an instant (due_at) or during a day (due_date), never both: giving one clears
 * the other, giving both is refused. `due` follows whichever is left.
 */
function dueColumns(values: Values, existing: Row | null, { dialect }: WriteContext): Values {
  const hasAt = 'due_at' in values;
  const hasDate = 'due_date' in values;
  if (!hasAt && !hasDate) return {};
  const given = { at: hasAt ? values.due_at : undefined, date: hasDate ? values.due_date : undefined };
  if (given.at != null && given.date != null)
    throw fieldError('due_date', 'exclusive', 'give due_at (a time) or due_date (all day), not both', {
      fields: ['due_at', 'due_date'],
    });
  const storedAt = existing ? isoFromDb(existing.due_at as string | Date | null) : null;
  const storedDate = existing ? dateFromDb(existing.due_date as string | Date | null) : null;
  // a new value of one replaces the other; clearing one leaves the other as it was
  const at = given.at != null ? given.at : given.date != null ? null : hasAt ? null : storedAt;
  const date = given.date != null ? given.date : given.at != null ? null : hasDate ? null : storedDate;
  const due =
    at != null
      ? timestampParam(dialect, isoFromDb(at as string) as string)
      : date != null
        ? timestampParam(dialect, allDaySortInstant(date as string))
        : null;
  return {
    due_at: at == null ? null : timestampParam(dialect, isoFromDb(at as string) as string),
    due_date: date,
    due,
  };
}

/** A task goes to someone who can see it: a new assignee must be an active user. */
async function checkAssignee(values: Values, existing: Row | null, { trx }: WriteContext) {
  const id = values.assignee_id;
  if (id === undefined || id === null) return;
  if (existing && Number(existing.assignee_id) === Number(id)) return;
  const user = await trx
    .selectFrom('users')
    .select('active')
    .where('user_id', '=', Number(id))
    .executeTakeFirst();
  // an unknown user was already refused by the relation check (not_found)
  if (user && !(user.active === true || user.active === 1 || user.active === '1'))
    throw fieldError(
      'assignee_id',
      'inactive_user',
      `user ${id} is deactivated: assign the task to an active user`,
    );
}
