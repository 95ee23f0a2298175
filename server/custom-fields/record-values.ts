// A record's custom field values on the way in (ADR 013): each checked against its entity's
// definitions (shared/custom-fields.ts), merged with what the record holds (a key absent from the
// request keeps its value, null clears it), defaults given to a new record, required ones
// enforced, users checked to exist. The result is the whole canonical object, in the definitions'
// order, so the same values are always the same JSON (and the same ETag).
import {
  type CustomField,
  type CustomFieldEntity,
  checkCustomValue,
  SEARCHED_TYPES,
} from '../../shared/custom-fields.js';
import { readValue } from '../crud/convert.js';
import type { LooseDb, ResourceDef, Row, Values, WriteContext } from '../crud/resource.js';
import { badRequest, type FieldError } from '../errors.js';
import { loadFields } from './definitions.js';

export const CUSTOM = 'custom_fields';

/** The definitions a transaction reads, once per transaction and entity. */
const perTransaction = new WeakMap<object, Map<CustomFieldEntity, Promise<CustomField[]>>>();

export function fieldsIn(trx: LooseDb, entity: CustomFieldEntity): Promise<CustomField[]> {
  let byEntity = perTransaction.get(trx);
  if (!byEntity) {
    byEntity = new Map();
    perTransaction.set(trx, byEntity);
  }
  let fields = byEntity.get(entity);
  if (!fields) {
    fields = loadFields(trx, entity);
    byEntity.set(entity, fields);
  }
  return fields;
}

/** The entity whose definitions a resource's records take, if any. */
export const customEntity = (def: ResourceDef) =>
  def.fields[CUSTOM] === 'map' ? (def.path as CustomFieldEntity) : undefined;

/** A record's stored values as the API shows them. */
export const storedValues = (row: Row | null | undefined) =>
  (row ? readValue('map', row[CUSTOM]) : {}) as Record<string, unknown>;

/**
 * Checks the `custom_fields` of each input (null: the input is a create) and returns the inputs
 * with the merged, canonical object in its place; an input with faults is an error at its index.
 */
export async function withCustomValues(
  ctx: WriteContext,
  def: ResourceDef,
  inputs: Values[],
  existing: (Row | null)[],
): Promise<({ values: Values } | { error: ReturnType<typeof badRequest> })[]> {
  const entity = customEntity(def);
  if (!entity) return inputs.map((values) => ({ values }));
  const fields = await fieldsIn(ctx.trx, entity);
  const checked = inputs.map((input, i) => merge(fields, input, existing[i]));
  const missing = await missingUsers(
    ctx.trx,
    fields,
    checked.map((c) => c.values),
  );
  return checked.map((c, i) => {
    const errors = [...c.errors, ...missing(c.values)];
    if (errors.length > 0) return { error: badRequest(errors) };
    return { values: c.values === undefined ? inputs[i] : { ...inputs[i], [CUSTOM]: c.values } };
  });
}

function merge(fields: CustomField[], input: Values, existing: Row | null) {
  const errors: FieldError[] = [];
  const raw = input[CUSTOM];
  if (existing !== null && raw === undefined) return { errors, values: undefined };
  const given = (raw ?? {}) as Record<string, unknown>;
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(given))
    if (!byKey.has(key))
      errors.push({
        field: `${CUSTOM}.${key}`,
        code: 'unknown_field',
        message: 'is not a custom field here',
      });
  const current = storedValues(existing);
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    const path = `${CUSTOM}.${f.key}`;
    let v: unknown = current[f.key] ?? null;
    if (f.key in given) {
      const c = checkCustomValue(f, given[f.key]);
      if ('problem' in c) {
        const { code, message, limit, allowed, expected } = c.problem;
        errors.push({ field: path, code, message, limit, allowed, expected });
        continue;
      }
      v = c.value;
    } else if (existing === null && f.default !== null) v = f.default;
    // required: a new record must have it, and a change may not clear it; records made before it
    // became required keep no value until someone fills it
    if (v === null && f.required && (existing === null || f.key in given))
      errors.push({ field: path, code: 'required', message: 'is required and cannot be empty' });
    if (v !== null) values[f.key] = v;
  }
  return { errors, values };
}

/** For each record's values, the errors of the users they name that do not exist. */
async function missingUsers(
  trx: LooseDb,
  fields: CustomField[],
  all: (Record<string, unknown> | undefined)[],
) {
  const users = fields.filter((f) => f.type === 'user');
  const wanted = new Set<number>();
  for (const values of all)
    for (const f of users) if (typeof values?.[f.key] === 'number') wanted.add(values[f.key] as number);
  const found = new Set<number>();
  if (wanted.size > 0) {
    const rows = await trx
      .selectFrom('users')
      .select('user_id')
      .where('user_id', 'in', [...wanted])
      .execute();
    for (const r of rows) found.add(Number(r.user_id));
  }
  return (values: Record<string, unknown> | undefined): FieldError[] =>
    users
      .filter((f) => typeof values?.[f.key] === 'number' && !found.has(values[f.key] as number))
      .map((f) => ({
        field: `${CUSTOM}.${f.key}`,
        code: 'not_found' as const,
        message: `user ${values?.[f.key]} does not exist`,
      }));
}

/**
 * The words `q` finds a record by in its custom values: those of its text fields (texts, long
 * texts, emails, addresses, phones), never its options, numbers or dates.
 */
export async function customWords(trx: LooseDb, def: ResourceDef, stored: unknown): Promise<string[]> {
  const entity = customEntity(def);
  const values = readValue('map', stored) as Record<string, unknown>;
  if (!entity || Object.keys(values).length === 0) return [];
  const fields = await fieldsIn(trx, entity);
  return fields
    .filter((f) => SEARCHED_TYPES.includes(f.type) && typeof values[f.key] === 'string')
    .map((f) => values[f.key] as string);
}
