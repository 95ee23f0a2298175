// Keeps custom_values (the index of custom field values, migration 0020) in step with the records'
// `custom_fields` column, in the transaction that writes them: what lists filter and sort on is
// always what the records hold.
import type { CustomField, CustomFieldEntity } from '../../shared/custom-fields.js';
import type { DialectName } from '../config.js';
import type { LooseDb, ResourceDef, Row } from '../crud/resource.js';
import { insertMany } from '../db/pg-unnest.js';
import { chunks } from '../lib/chunks.js';
import { type IndexRow, indexRows } from './index-rows.js';
import { CUSTOM, customEntity, fieldsIn, storedValues } from './record-values.js';

const COLUMNS = ['field_id', 'record_id', 'value_text', 'value_num'];

/** One record written (before null: created; after null: deleted). */
export async function syncCustomValues(
  trx: LooseDb,
  dialect: DialectName,
  def: ResourceDef,
  id: number,
  before: Row | null,
  after: Row | null,
) {
  const entity = customEntity(def);
  if (!entity || (before?.[CUSTOM] ?? null) === (after?.[CUSTOM] ?? null)) return;
  const fields = await fieldsIn(trx, entity);
  if (fields.length === 0) return;
  await removeRows(trx, fields, [id]);
  if (after) await insert(trx, dialect, indexRows(fields, id, storedValues(after)));
}

/** Records just created in a batch (an import). */
export async function addCustomValues(
  trx: LooseDb,
  dialect: DialectName,
  def: ResourceDef,
  created: { id: number; row: Row }[],
) {
  const entity = customEntity(def);
  if (!entity) return;
  const withValues = created.filter((c) => c.row[CUSTOM] !== null && c.row[CUSTOM] !== undefined);
  if (withValues.length === 0) return;
  const fields = await fieldsIn(trx, entity);
  await insert(
    trx,
    dialect,
    withValues.flatMap((c) => indexRows(fields, c.id, storedValues(c.row))),
  );
}

async function insert(trx: LooseDb, dialect: DialectName, rows: IndexRow[]) {
  if (rows.length > 0) await insertMany(trx, dialect, 'custom_values', COLUMNS, rows);
}

/** Records removed without the engine (a GDPR erasure): their indexed values go with them. */
export async function removeCustomValues(trx: LooseDb, entity: CustomFieldEntity, ids: number[]) {
  const fields = await fieldsIn(trx, entity);
  if (fields.length > 0) await removeRows(trx, fields, ids);
}

/** The index rows of these records; a record's ID is only unique within its table: its rows are those of its entity's fields. */
async function removeRows(trx: LooseDb, fields: CustomField[], ids: number[]) {
  for (const part of chunks(ids, 1000))
    await trx
      .deleteFrom('custom_values')
      .where('record_id', 'in', part)
      .where(
        'field_id',
        'in',
        fields.map((f) => f.field_id),
      )
      .execute();
}
