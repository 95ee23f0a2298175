// What a definition change does to the records holding its values (issue 13, ADR 013): a type
// change converts every value or is refused with examples; a select's renamed options are
// rewritten in the records holding them; a removed option still held is refused.
import type { Checked, CustomField, CustomFieldEntity } from '../../shared/custom-fields.js';
import { companies } from '../companies/companies.resource.js';
import { contacts } from '../contacts/contacts.resource.js';
import type { LooseDb, ResourceDef, Row, WriteContext } from '../crud/resource.js';
import { AppError } from '../errors.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { tasks } from '../tasks/tasks.resource.js';
import { convertValue } from './convert-value.js';
import { SELECT_TYPES } from './options.js';
import { recordsHolding, recordsOf, rewriteRecords } from './rewrite.js';

export const ENTITY_DEFS: Record<CustomFieldEntity, ResourceDef> = {
  contacts,
  companies,
  opportunities,
  tasks,
};

export const refusal = (
  code: 'confirmation_required' | 'conversion_failed' | 'option_in_use',
  detail: string,
  extra = {},
) => new AppError(409, 'conflict', 'Conflict', detail, { code, ...extra });

/** What the records holding values of `before` become: refused (409) when they cannot follow. */
export async function applyChange(ctx: WriteContext, before: CustomField, after: CustomField) {
  const def = ENTITY_DEFS[before.entity as CustomFieldEntity];
  let convert = (v: unknown) => convertValue(before, after, v);
  if (after.type !== before.type) {
    if (after.type === 'user') convert = await toUsers(ctx.trx, convert);
    const pages = recordsHolding(ctx, def, before.key);
    const { refused } = await rewriteRecords(ctx, def, { before, after, convert, reindex: true }, pages);
    if (refused)
      throw refusal(
        'conversion_failed',
        `${refused.count} record(s) hold a value of "${before.key}" that is not a valid ${after.type}; nothing was changed.`,
        refused,
      );
    return;
  }
  if (!SELECT_TYPES.includes(after.type)) return;
  const kept = new Set(after.options.map((o) => o.id));
  const removed = before.options.filter((o) => !kept.has(o.id)).map((o) => o.id);
  const used = await holders(ctx.trx, before.field_id, removed);
  if (used.length > 0)
    throw refusal(
      'option_in_use',
      `${used.length} record(s) hold an option this change removes; give them another option first. Nothing was changed.`,
      { count: used.length },
    );
  const renamed = after.options
    .filter((o) => before.options.some((b) => b.id === o.id && b.label !== o.label))
    .map((o) => o.id);
  const ids = await holders(ctx.trx, before.field_id, renamed);
  await rewriteRecords(ctx, def, { before, after, convert, reindex: false }, recordsOf(ctx, def, ids));
}

/** The records holding one of these options (through the index: an option is indexed by its ID). */
async function holders(trx: LooseDb, fieldId: number, optionIds: string[]): Promise<number[]> {
  if (optionIds.length === 0) return [];
  const rows = (await trx
    .selectFrom('custom_values')
    .select('record_id')
    .distinct()
    .where('field_id', '=', fieldId)
    .where('value_text', 'in', optionIds)
    .execute()) as Row[];
  return rows.map((r) => Number(r.record_id));
}

/** A value becoming a user's ID must name one who exists (the users are few: read once). */
async function toUsers(trx: LooseDb, convert: (v: unknown) => Checked) {
  const ids = new Set(
    ((await trx.selectFrom('users').select('user_id').execute()) as Row[]).map((r) => Number(r.user_id)),
  );
  return (v: unknown): Checked => {
    const c = convert(v);
    if ('value' in c && typeof c.value === 'number' && !ids.has(c.value))
      return {
        problem: { code: 'invalid_type', message: `user ${c.value} does not exist`, expected: 'user ID' },
      };
    return c;
  };
}
