import type { LooseDb, ResourceDef, Values } from '../crud/resource.js';
import { AppError, fieldError } from '../errors.js';
import { fold } from '../lib/text.js';
import { followStageKind } from '../opportunities/closing.js';
import { rebuildPipelineTotals } from '../pipeline/pipeline-totals.js';

export interface StageRow {
  stage_id: number;
  name: string;
  position: number;
  probability: number;
  kind: string;
}

/** The SELECT behind loadStages. */
export const stagesQuery = (db: LooseDb) =>
  db.selectFrom('pipeline_stages').selectAll().orderBy('position').orderBy('stage_id');

export async function loadStages(db: LooseDb): Promise<StageRow[]> {
  const rows = (await stagesQuery(db).execute()) as StageRow[];
  return rows.map((r) => ({
    ...r,
    stage_id: Number(r.stage_id),
    position: Number(r.position),
    probability: Number(r.probability),
  }));
}

const DEFAULT_PROBABILITY: Record<string, number> = { open: 50, won: 100, lost: 0 };

const duplicateName = (name: unknown) =>
  new AppError(409, 'duplicate', 'Duplicate stage', `A stage named "${name}" already exists.`, {
    errors: [{ field: 'name', code: 'duplicate', message: 'is already the name of another stage' }],
  });

export const pipelineStages: ResourceDef = {
  path: 'pipeline-stages',
  table: 'pipeline_stages',
  idColumn: 'stage_id',
  label: 'pipeline stage',
  fields: { stage_id: 'id', name: 'text', position: 'int', probability: 'int', kind: 'text' },
  required: ['name'],
  sortable: ['position', 'name'],
  defaultSort: 'position',
  relations: [],
  // opportunities hold their stage by name, as in the seed design, under a foreign key: a deal
  // moving in while the stage is deleted makes one of the two fail (2026_12_06_0009)
  references: [
    { resource: 'opportunities', table: 'opportunities', column: 'stage', value: (row) => row.name },
  ],
  timestamps: 'none',
  // stages are instance settings
  writeRoles: ['admin'],
  async prepare(values, existing, { trx }) {
    const out: Values = { ...values };
    const stages = await loadStages(trx);
    if (typeof values.name === 'string') {
      // Names are unique ignoring case and accents on every database, whatever its collation.
      const key = fold(values.name);
      const clash = stages.find((s) => fold(s.name) === key && s.stage_id !== existing?.stage_id);
      if (clash) throw duplicateName(values.name);
      // the unique index on name_key settles two requests racing past the check above
      out.name_key = key.slice(0, 50);
    }
    if (existing === null) {
      out.kind ??= 'open';
      out.probability ??= DEFAULT_PROBABILITY[out.kind as string];
      out.position ??= Math.max(0, ...stages.map((s) => s.position)) + 1;
    }
    const kindAfter = (out.kind ?? existing?.kind) as string;
    const stillOpen =
      stages.some((s) => s.kind === 'open' && s.stage_id !== existing?.stage_id) || kindAfter === 'open';
    if (!stillOpen)
      throw fieldError(
        'kind',
        'last_open_stage',
        'at least one stage must stay open (new opportunities start there)',
      );
    return out;
  },
  async afterUpdate(before, changes, ctx) {
    const { trx, dialect } = ctx;
    if (typeof changes.name === 'string' && changes.name !== before.name) {
      // the deals were renamed with their stage by the foreign key's ON UPDATE CASCADE
      // (2026_12_06_0009); their totals move with them: both names are recomputed from the deals
      await rebuildPipelineTotals(trx, dialect, [before.name as string, changes.name]);
    }
    // a stage made won, lost or open again closes, reopens or un-loses the deals in it
    if (typeof changes.kind === 'string')
      await followStageKind(
        ctx,
        (changes.name ?? before.name) as string,
        before.kind as string,
        changes.kind,
      );
  },
  async beforeRemove(row, { trx }) {
    // the same rule as for kind: deleting the last open stage would leave new opportunities nowhere
    const stages = await loadStages(trx);
    if (!stages.some((s) => s.kind === 'open' && s.stage_id !== Number(row.stage_id)))
      throw new AppError(
        409,
        'conflict',
        'Last open stage',
        'At least one stage must stay open (new opportunities start there); this is the last one.',
        { code: 'last_open_stage' },
      );
  },
  async onDuplicate(values) {
    return duplicateName(values.name);
  },
};
