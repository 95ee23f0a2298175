import type { ResourceDef, Values } from '../crud/resource.js';
import { AppError } from '../errors.js';
import { fold } from '../lib/text.js';

const duplicateLabel = (label: unknown) =>
  new AppError(409, 'duplicate', 'Duplicate lost reason', `A lost reason "${label}" already exists.`, {
    errors: [{ field: 'label', code: 'duplicate', message: 'is already the label of another lost reason' }],
  });

/**
 * The lost reasons the app offers when a deal is lost (a deal's lost_reason is free text, not a key
 * to this list: deleting or renaming a reason changes no deal).
 */
export const lostReasons: ResourceDef = {
  path: 'lost-reasons',
  table: 'lost_reasons',
  idColumn: 'lost_reason_id',
  label: 'lost reason',
  fields: { lost_reason_id: 'id', label: 'text', position: 'int' },
  required: ['label'],
  sortable: ['position', 'label'],
  defaultSort: 'position',
  relations: [],
  references: [],
  timestamps: 'none',
  // a team's settings: managers may shape them as well as admins
  writeRoles: ['admin', 'manager'],
  async prepare(values, existing, { trx }) {
    const out: Values = { ...values };
    if (typeof values.label === 'string') {
      // labels are unique ignoring case and accents on every database; the unique index on
      // label_key settles two requests racing past this check
      const key = fold(values.label).slice(0, 100);
      const clash = await trx
        .selectFrom('lost_reasons')
        .select('lost_reason_id')
        .where('label_key', '=', key)
        .executeTakeFirst();
      if (clash && Number(clash.lost_reason_id) !== Number(existing?.lost_reason_id))
        throw duplicateLabel(values.label);
      out.label_key = key;
    }
    if (existing === null && out.position === undefined) {
      const { max } = (await trx
        .selectFrom('lost_reasons')
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirstOrThrow()) as { max: number | string | null };
      out.position = Number(max ?? 0) + 1;
    }
    return out;
  },
  async onDuplicate(values) {
    return duplicateLabel(values.label);
  },
};
