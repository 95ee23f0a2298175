// When a deal is closed (closed_at) and why it was lost (lost_reason) follow the kind of its stage
// (contract-closing.md): on each move of a deal, and for all its deals when a stage's kind changes.
import { type AuditEntry, recordAudits } from '../audit/audit.repository.js';
import type { LooseDb, Row, Values, WriteContext } from '../crud/resource.js';
import { timestampParam } from '../db/dialect.js';
import { fieldError } from '../errors.js';
import { isoFromDb } from '../lib/time.js';
import { touchNameWords } from '../search/name-words.js';

interface StageKind {
  name: string;
  kind: string;
}

/**
 * A deal entering a won or lost stage from any other stage (or created in one) is closed now;
 * moving back to an open stage reopens it. A lost reason is only taken for a deal whose resulting
 * stage is lost, and leaving a lost stage clears it. `out` holds only changed values on update
 * (crud's changedValues), so `stage` in it means the deal moves.
 */
export function closingRules(out: Values, existing: Row | null, stages: StageKind[], now: unknown) {
  const kindOf = (stage: unknown) => stages.find((s) => s.name === stage)?.kind ?? 'open';
  const stageAfter = 'stage' in out ? out.stage : existing?.stage;
  const kindAfter = kindOf(stageAfter);
  if ('stage' in out) out.closed_at = kindAfter === 'open' ? null : now;
  if (out.lost_reason !== undefined && out.lost_reason !== null && kindAfter !== 'lost')
    throw fieldError(
      'lost_reason',
      'not_lost_stage',
      `can only be given for a deal in a lost stage; "${stageAfter}" is ${kindAfter}`,
    );
  if ('stage' in out && kindAfter !== 'lost' && (existing?.lost_reason ?? null) !== null)
    out.lost_reason = null;
}

/**
 * A stage whose kind changes takes its deals with it, as if each had moved: open → won/lost closes
 * them now, → open reopens them (no date, no reason), lost → won drops their reasons. Won → lost
 * keeps their dates: they did not move. Each deal changed gets its audit entry.
 */
export async function followStageKind(ctx: WriteContext, stage: string, from: string, to: string) {
  const { trx, dialect } = ctx;
  if (from === to) return;
  const now = new Date().toISOString();
  const set: Values =
    to === 'open'
      ? { closed_at: null, lost_reason: null }
      : from === 'open'
        ? { closed_at: timestampParam(dialect, now) }
        : to === 'won'
          ? { lost_reason: null }
          : {};
  if (Object.keys(set).length === 0) return;
  const deals = (await affected(trx, stage, set)) as Row[];
  if (deals.length === 0) return;
  const stamp = timestampParam(dialect, now);
  await trx
    .updateTable('opportunities')
    .set({ ...set, updated_at: stamp })
    .where(
      'opportunity_id',
      'in',
      deals.map((d) => Number(d.opportunity_id)),
    )
    .execute();
  // their place in a ranked search follows updated_at
  await touchNameWords(
    trx,
    'opportunities',
    deals.map((d) => Number(d.opportunity_id)),
    stamp,
  );
  const shown = (v: unknown) => (v === null || v === undefined ? null : isoFromDb(v as string | Date));
  const entries: AuditEntry[] = deals.map((d) => {
    const changes: Record<string, [unknown, unknown]> = {};
    const closedBefore = shown(d.closed_at);
    if ('closed_at' in set && closedBefore !== (set.closed_at === null ? null : now))
      changes.closed_at = [closedBefore, set.closed_at === null ? null : now];
    if ('lost_reason' in set && d.lost_reason !== null) changes.lost_reason = [d.lost_reason, null];
    changes.updated_at = [shown(d.updated_at), now];
    return {
      userId: ctx.actor.userId,
      action: 'update',
      resource: 'opportunities',
      recordId: Number(d.opportunity_id),
      changes,
    };
  });
  await recordAudits(trx, dialect, entries);
}

/** the stage's deals that the change would really change */
function affected(trx: LooseDb, stage: string, set: Values) {
  return trx
    .selectFrom('opportunities')
    .select(['opportunity_id', 'closed_at', 'lost_reason', 'updated_at'])
    .where('stage', '=', stage)
    .where((eb) =>
      eb.or(
        Object.entries(set).map(([col, v]) => (v === null ? eb(col, 'is not', null) : eb(col, 'is', null))),
      ),
    )
    .orderBy('opportunity_id')
    .execute();
}
