// Undoing a finished import (docs/import-export.md, "Undoing an import"): in one transaction, the
// records it created are deleted with what was attached to them since (as the delete API does it,
// with the same choices: server/deletes/cascade.ts), and the records it updated get their values
// from before it back, unless something else changed them since: those are reported, untouched.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { recordAudit } from '../audit/audit.repository.js';
import { forbidden, requireRole } from '../auth/permissions.js';
import type { Actor, WriteContext } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { timestampParam } from '../db/dialect.js';
import {
  CHOICES,
  COUNT_KEYS,
  type DeleteCounts,
  type DeleteOptions,
  deleteWithDependents,
  type Services,
  zeroCounts,
} from '../deletes/cascade.js';
import { AppError } from '../errors.js';
import { findVisible } from './imports.read.js';
import { type Conflict, type KindCounts, planUndo, previewOf, type UndoPreview } from './undo-plan.js';

const FINISHED = ['done', 'failed'];
/**
 * SQLite's driver is synchronous: without a pause every few records, an undo of thousands would
 * hold the event loop (and every other request) for its whole length, as an import's batch would.
 */
const YIELD_EVERY = 50;
let steps = 0;
const pause = () => (++steps % YIELD_EVERY === 0 ? yieldToEventLoop() : Promise.resolve());

export interface UndoResult extends DeleteCounts {
  /** the records the job created, deleted now, by kind */
  deleted: KindCounts;
  /** the records it updated, given their values before it back */
  restored: KindCounts;
  conflicts: Conflict[];
  undone_at: string;
}

const refuse = (code: 'import_busy' | 'import_not_undoable' | 'import_already_undone', detail: string) =>
  new AppError(409, 'conflict', 'Import cannot be undone', detail, { code });

export class ImportUndo {
  constructor(
    private readonly db: Db,
    private readonly svc: Services,
  ) {}

  /** The job, if the caller may undo it (its author or an admin) and it can be undone. */
  private async undoable(id: number, actor: Actor) {
    requireRole(actor, ['admin', 'manager', 'sales', 'viewer'], 'undo import jobs');
    const job = await findVisible(this.db, id, actor);
    if (actor.role !== 'admin' && Number(job.user_id) !== actor.userId)
      throw forbidden('not_owner', 'Only an administrator or its author can undo an import.');
    if (!FINISHED.includes(String(job.status)))
      throw refuse('import_busy', `Import ${id} is ${job.status}; undo it once it is done or failed.`);
    if ((JSON.parse(String(job.options)) as { dry_run?: boolean }).dry_run)
      throw refuse('import_not_undoable', `Import ${id} was a check (dry run): it wrote nothing.`);
    if (Number(job.undo_version) < 1)
      throw refuse(
        'import_not_undoable',
        `Import ${id} was made before imports could be undone: what it wrote is not known.`,
      );
    if (job.undone_at) throw refuse('import_already_undone', `Import ${id} has already been undone.`);
    return job;
  }

  async preview(id: number, actor: Actor): Promise<UndoPreview> {
    await this.undoable(id, actor);
    const plan = await planUndo(this.db.kysely, id, this.svc);
    return previewOf(this.db.kysely, id, plan);
  }

  /**
   * All or nothing, in one transaction: a refusal (a choice missing, a record the caller may not
   * change) leaves everything as it was. A big job is one long transaction: on SQLite every other
   * query waits for it (docs/import-export.md, "Undoing an import").
   */
  async undo(id: number, opts: DeleteOptions, actor: Actor): Promise<UndoResult> {
    await this.undoable(id, actor);
    return this.svc.contacts.transaction(actor, async (ctx) => {
      const undoneAt = new Date().toISOString();
      // first, so that two undos at once cannot both go on: the second finds it set (or waits for the row)
      const marked = await ctx.trx
        .updateTable('imports')
        .set({ undone_at: timestampParam(this.db.dialect, undoneAt) })
        .where('import_id', '=', id)
        .where('undone_at', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0)
        throw refuse('import_already_undone', `Import ${id} has already been undone.`);
      const plan = await planUndo(ctx.trx, id, this.svc);
      const preview = await previewOf(ctx.trx, id, plan);
      needChoices(id, preview, opts);

      const restored: KindCounts = { interactions: 0, opportunities: 0, contacts: 0, companies: 0 };
      const conflicts = [...plan.conflicts];
      for (const r of plan.restore) {
        await pause();
        try {
          if (await this.svc[r.resource].updateIn(ctx, r.id, r.values)) restored[r.resource]++;
        } catch (e) {
          // a value before it that is refused now (its company deleted since): the record stays as it is
          if (!(e instanceof AppError) || e.status !== 400) throw e;
          conflicts.push({ resource: r.resource, id: r.id, reason: 'changed' });
        }
      }
      const counts = zeroCounts();
      await this.deleteCreated(ctx, plan.created.interactions, 'interactions', counts);
      await this.deleteCreated(ctx, plan.created.opportunities, 'opportunities', counts);
      for (const parent of ['contacts', 'companies'] as const)
        for (const rid of plan.created[parent]) {
          await pause();
          // a company's own contacts went just before: what is left was attached since
          if (!(await this.svc[parent].findRow(ctx.trx, rid))) continue;
          const c = await deleteWithDependents(this.svc, ctx, parent, rid, opts);
          for (const k of COUNT_KEYS) counts[k] += c[k];
        }
      await recordAudit(ctx.trx, this.db.dialect, {
        userId: actor.userId,
        action: 'update',
        resource: 'imports',
        recordId: id,
        changes: { undone_at: [null, undoneAt] },
      });
      return {
        ...counts,
        deleted: preview.created,
        restored,
        conflicts: conflicts.sort((a, b) => a.resource.localeCompare(b.resource) || a.id - b.id),
        undone_at: undoneAt,
      };
    });
  }

  /** Deals and notes the job created; what was attached to a deal since stays, without the deal. */
  private async deleteCreated(
    ctx: WriteContext,
    ids: number[],
    kind: 'interactions' | 'opportunities',
    counts: DeleteCounts,
  ) {
    for (const rid of ids) {
      await pause();
      if (kind === 'opportunities')
        for (const [table, idColumn] of [
          ['interactions', 'interaction_id'],
          ['tasks', 'task_id'],
        ] as const) {
          const rows = await ctx.trx
            .selectFrom(table)
            .select(idColumn)
            .where('opportunity_id', '=', rid)
            .execute();
          for (const r of rows) {
            await this.svc[table].updateIn(ctx, Number(r[idColumn]), { opportunity_id: null });
            counts[`${table}_unlinked`]++;
          }
        }
      await this.svc[kind].removeIn(ctx, rid);
    }
  }
}

/** The 409 of an undo whose created records have records attached since and no choice for them. */
function needChoices(id: number, p: UndoPreview, opts: DeleteOptions) {
  const { contacts: ofContacts, companies: ofCompanies } = p.attached;
  const theirHistory = opts.contacts === 'delete';
  const refs = [
    { resource: 'contacts', count: ofCompanies.contacts, given: opts.contacts },
    {
      resource: 'opportunities',
      count: ofContacts.opportunities + ofCompanies.opportunities,
      given: opts.opportunities,
    },
    {
      resource: 'interactions',
      count: ofContacts.interactions + (theirHistory ? ofCompanies.interactions : 0),
      given: opts.interactions,
    },
    {
      resource: 'tasks',
      count: ofContacts.tasks + (theirHistory ? ofCompanies.tasks : 0),
      given: opts.tasks,
    },
  ].filter((r) => r.count > 0 && r.given === undefined);
  if (refs.length === 0) return;
  const list = refs.map((r) => `${r.count} ${r.resource}`).join(', ');
  const how = refs.map((r) => `${r.resource}=${CHOICES[r.resource].join('|')}`).join(', ');
  throw new AppError(
    409,
    'still-referenced',
    'Still referenced',
    `The records import ${id} created have ${list} attached since; nothing was undone. To undo it with them, pass ${how}.`,
    {
      references: refs.map(({ resource, count }) => ({ resource, count })),
      options: Object.fromEntries(refs.map((r) => [r.resource, CHOICES[r.resource]])),
      preview: p,
    },
  );
}
