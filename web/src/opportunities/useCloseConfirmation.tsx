import { useState } from 'react';
import type { Opportunity, PipelineStage } from '../api/types.js';
import { CloseDealDialog, type PendingClose } from './CloseDealDialog.js';

/**
 * A deal is won or lost only once the user says so (and, when lost, why): `request` sends a move to
 * an open stage at once, and holds one to a closed stage until the dialog (render `dialog`) is
 * answered. `context` rides along to `commit` (the board notes which control to focus after).
 */
export function useCloseConfirmation<C>(
  stages: PipelineStage[] | undefined,
  commit: (opportunity: Opportunity, to: string, context: C, lostReason?: string) => void,
) {
  const [pending, setPending] = useState<(PendingClose & { context: C }) | null>(null);
  const request = (opportunity: Opportunity, to: string, context: C) => {
    if (!to || to === opportunity.stage) return;
    const kind = stages?.find((s) => s.name === to)?.kind;
    if (kind === 'won' || kind === 'lost') setPending({ opportunity, to, kind, context });
    else commit(opportunity, to, context);
  };
  const dialog = (
    <CloseDealDialog
      pending={pending}
      onConfirm={(lostReason) => {
        if (pending) commit(pending.opportunity, pending.to, pending.context, lostReason);
        setPending(null);
      }}
      onCancel={() => setPending(null)}
    />
  );
  return { request, dialog };
}
