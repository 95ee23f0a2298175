// `?cf.<key>=…` on the lists of records with custom fields (ADR 013): an exact value, or a range
// for numbers, amounts, dates and instants (`cf.renewal[gte]=2027-01-01`). Each is an EXISTS on
// custom_values' (field_id, value, record_id) index, so it narrows a million records by an index
// lookup per candidate or a range walk, the same way on the three databases.
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import {
  type CustomField,
  checkCustomValue,
  findOption,
  RANGE_OPERATORS,
  RANGE_TYPES,
} from '../../shared/custom-fields.js';
import type { AnyQuery, ExtraFilter, LooseDb, ResourceDef } from '../crud/resource.js';
import { fieldError } from '../errors.js';
import { loadFields } from './definitions.js';
import { indexKey } from './index-rows.js';
import { customEntity } from './record-values.js';

/** `cf.<key>` or `cf.<key>[op]`; the key's rule is shared/custom-fields.ts's CUSTOM_KEY_PATTERN */
export const CF_PARAM = /^cf\.[a-z][a-z0-9_]{0,39}(\[(gt|gte|lt|lte)\])?$/;
const PARTS = /^cf\.([a-z0-9_]+)(?:\[(gt|gte|lt|lte)\])?$/;

const OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** The definition a `cf.` parameter names; a 400 naming the parameter when there is none. */
export function fieldNamed(custom: unknown, param: string, key: string): CustomField {
  if (!Array.isArray(custom))
    throw fieldError(param, 'unsupported', 'custom fields cannot be filtered or sorted on here');
  const f = (custom as CustomField[]).find((c) => c.key === key);
  if (!f) throw fieldError(param, 'unknown_field', `"${key}" is not a custom field of this list`);
  return f;
}

/** The indexed form of a filter's text, as its field stores it; undefined: it matches nothing. */
function keyOf(f: CustomField, param: string, text: string) {
  if (f.type === 'select' || f.type === 'multi_select') {
    const o = findOption(f.options, text);
    return o ? { value_text: o.id, value_num: null } : undefined;
  }
  const raw =
    f.type === 'boolean'
      ? text === 'true'
        ? true
        : text === 'false'
          ? false
          : text
      : f.type === 'number' || f.type === 'money' || f.type === 'user'
        ? Number(text)
        : text;
  const c = checkCustomValue(f, raw);
  if ('problem' in c) throw fieldError(param, c.problem.code, c.problem.message);
  return indexKey(f, c.value) ?? undefined;
}

export const customFilter: ExtraFilter = {
  param: CF_PARAM,
  schema: Type.String({
    maxLength: 200,
    description:
      'a custom field’s value (cf.<key>=…: an option’s label, true/false, a number, a date), or a bound ' +
      'of a range on numbers, amounts, dates and date-times (cf.<key>[gte]=…, [gt], [lte], [lt])',
  }),
  apply(qb: AnyQuery, value, at): AnyQuery {
    const [, key, op] = PARTS.exec(at.param) ?? [];
    const f = fieldNamed(at.custom, at.param, key);
    if (op && !RANGE_TYPES.includes(f.type))
      throw fieldError(at.param, 'unsupported', `a ${f.type} field takes no range`, {
        allowed: [...RANGE_OPERATORS],
      });
    const k = keyOf(f, at.param, String(value));
    if (k === undefined) return qb.where(sql<boolean>`1 = 0`);
    const column = k.value_num !== null ? 'value_num' : 'value_text';
    const bound = k.value_num ?? k.value_text;
    const operator = op ? OPS[op as keyof typeof OPS] : '=';
    return qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('custom_values as cv')
          .select(sql`1`.as('one'))
          .whereRef('cv.record_id', '=', `${at.table}.${at.idColumn}`)
          .where('cv.field_id', '=', f.field_id)
          .where(`cv.${column}`, operator, bound),
      ),
    );
  },
};

/**
 * The entity's definitions when the list's query filters or sorts on a custom field (one indexed
 * query; read afresh, as another instance may just have changed them).
 */
export async function customDefinitionsFor(db: LooseDb, def: ResourceDef, query: Record<string, unknown>) {
  const entity = customEntity(def);
  if (!entity) return undefined;
  const used =
    Object.keys(query).some((k) => CF_PARAM.test(k) && query[k] !== undefined) ||
    (typeof query.sort === 'string' && /(^|,)\s*-?cf\./.test(query.sort));
  return used ? loadFields(db, entity) : undefined;
}
