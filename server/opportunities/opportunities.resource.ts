import { OPPORTUNITY_FIELDS } from '../../shared/record-fields.js';
import { fromFields, type ResourceDef, type Values } from '../crud/resource.js';
import { customFilter } from '../custom-fields/filters.js';
import { customWords } from '../custom-fields/record-values.js';
import { timestampParam } from '../db/dialect.js';
import { fieldError } from '../errors.js';
import { nameKey, searchText } from '../lib/text.js';
import { applyOpportunityChange } from '../pipeline/pipeline-totals.js';
import { loadStages, type StageRow } from '../pipeline-stages/pipeline-stages.resource.js';
import { closingRules } from './closing.js';

const unknownStage = (stage: unknown, stages: StageRow[]) =>
  fieldError(
    'stage',
    'unknown_stage',
    `unknown stage "${stage}"; configured: ${stages.map((s) => s.name).join(', ')}`,
    { allowed: stages.map((s) => s.name) },
  );

export const opportunities: ResourceDef = {
  path: 'opportunities',
  table: 'opportunities',
  idColumn: 'opportunity_id',
  label: 'opportunity',
  extraFilters: [customFilter],
  ...fromFields(OPPORTUNITY_FIELDS),
  sortKeys: { opportunity_name: 'opportunity_name_key' },
  filterKeys: { opportunity_name: { column: 'opportunity_name_key', key: nameKey } },
  defaultSort: '-created_at',
  // q matches the deal's name, its company's name and its contact
  search: {
    joins: [
      { table: 'companies', localColumn: 'company_id' },
      { table: 'contacts', localColumn: 'contact_id' },
    ],
    names: ['opportunity_name_key'],
  },
  ownerField: 'owner_id',
  relations: [
    { field: 'contact_id', table: 'contacts', idColumn: 'contact_id', label: 'contact' },
    { field: 'company_id', table: 'companies', idColumn: 'company_id', label: 'company' },
    { field: 'owner_id', table: 'users', idColumn: 'user_id', label: 'user' },
  ],
  references: [
    { resource: 'interactions', table: 'interactions', column: 'opportunity_id' },
    { resource: 'tasks', table: 'tasks', column: 'opportunity_id' },
  ],
  async prepare(values, existing, { trx, dialect }) {
    const out: Values = { ...values };
    // closed_at is the server's: the API schema refuses it, and no other caller may set it
    delete out.closed_at;
    let stages: StageRow[] | undefined;
    if ('stage' in values || existing === null) {
      stages = await loadStages(trx);
      if (values.stage === undefined || values.stage === null) {
        if (existing !== null) throw fieldError('stage', 'required', 'cannot be empty');
        const first = stages.find((s) => s.kind === 'open');
        if (!first) throw fieldError('stage', 'no_open_stage', 'no open stage is configured');
        out.stage = first.name;
      } else if (!stages.some((s) => s.name === values.stage)) {
        throw unknownStage(values.stage, stages);
      }
    }
    if ('stage' in out || 'lost_reason' in values) {
      stages ??= await loadStages(trx);
      closingRules(out, existing, stages, timestampParam(dialect, new Date().toISOString()));
    }
    if ('opportunity_name' in values || 'custom_fields' in values) {
      const merged = { ...(existing ?? {}), ...values };
      out.search_text = searchText([
        merged.opportunity_name as string,
        ...(await customWords(trx, opportunities, merged.custom_fields)),
      ]);
    }
    if ('opportunity_name' in values)
      out.opportunity_name_key = nameKey(values.opportunity_name as string | null);
    return out;
  },
  // The stage was deleted between the check above and the write: the foreign key refused the deal
  // (2026_12_06_0009), which is then in no other state than a deal sent with an unknown stage.
  async onReferenceGone(values, db) {
    if (typeof values.stage !== 'string') return undefined;
    const stages = await loadStages(db);
    return stages.some((s) => s.name === values.stage) ? undefined : unknownStage(values.stage, stages);
  },
  // the pipeline summary's totals per (stage, owner) follow every deal in the same transaction
  afterWrite: (before, after, { trx, dialect }) => applyOpportunityChange(trx, dialect, before, after),
};
