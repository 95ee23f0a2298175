// A definition's options and default as written (POST/PATCH /custom-fields): the rules the TypeBox
// schema cannot say (labels unique ignoring case, IDs kept from the definition read, options only
// on the selects) and the IDs of new options.
import { randomBytes } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import {
  type CustomField,
  type CustomFieldOption,
  type CustomFieldOptionInput,
  type CustomFieldType,
  checkCustomValue,
  findOption,
} from '../../shared/custom-fields.js';
import { badRequest, type FieldError, fieldError } from '../errors.js';

type OptionInput = Static<typeof CustomFieldOptionInput>;
export const SELECT_TYPES: readonly string[] = ['select', 'multi_select'] satisfies CustomFieldType[];

/** A new option's ID: 10 characters of [a-z0-9], short enough for the index's text column. */
function newOptionId(taken: Set<string>): string {
  for (;;) {
    const id = [...randomBytes(10)].map((b) => (b % 36).toString(36)).join('');
    if (!taken.has(id)) return id;
  }
}

/**
 * The options a definition of `type` will have: `input` if given (each with its ID when it renames
 * or keeps an option of `current`, without for a new one), else the current ones. Refuses options
 * on a type without them, a select without any, an ID the field does not have or names twice, and
 * two labels alike but for case.
 */
export function shapeOptions(
  type: string,
  input: OptionInput[] | undefined,
  current: readonly CustomFieldOption[],
): CustomFieldOption[] {
  if (!SELECT_TYPES.includes(type)) {
    if (input && input.length > 0)
      throw fieldError('options', 'invalid', `a ${type} field has no options (only select and multi_select)`);
    return [];
  }
  const list = input ?? current;
  if (list.length === 0)
    throw fieldError('options', 'too_few', `a ${type} field needs at least one option`, { limit: 1 });
  const errors: FieldError[] = [];
  const taken = new Set(current.map((o) => o.id));
  const seenIds = new Set<string>();
  const out: CustomFieldOption[] = [];
  list.forEach((o, i) => {
    const text = checkCustomValue({ type: 'text', options: [] }, o.label);
    if ('problem' in text || text.value === null) {
      const p =
        'problem' in text ? text.problem : { code: 'required' as const, message: 'must not be blank' };
      errors.push({ field: `options.${i}.label`, ...p });
      return;
    }
    const label = String(text.value);
    const was = o.id === undefined ? undefined : current.find((c) => c.id === o.id);
    if (o.id !== undefined && !was)
      errors.push({ field: `options.${i}.id`, code: 'not_found', message: `is not an option of this field` });
    else if (o.id !== undefined && seenIds.has(o.id))
      errors.push({ field: `options.${i}.id`, code: 'duplicate', message: 'names an option twice' });
    if (findOption(out, label))
      errors.push({
        field: `options.${i}.label`,
        code: 'duplicate',
        message: 'is already the label of another option (ignoring case)',
      });
    if (o.id !== undefined) seenIds.add(o.id);
    const id = was?.id ?? newOptionId(taken);
    taken.add(id);
    out.push({ id, label, color: o.color ?? was?.color ?? 'gray' });
  });
  if (errors.length > 0) throw badRequest(errors);
  return out;
}

/** A default as stored: checked and written like a value of the field (null: none). */
export function shapeDefault(field: Pick<CustomField, 'type' | 'options'>, raw: unknown): unknown {
  const c = checkCustomValue(field, raw);
  if ('problem' in c) {
    const { message, ...params } = c.problem;
    throw badRequest([{ field: 'default', ...params, message }], `default: ${message}`);
  }
  return c.value;
}
