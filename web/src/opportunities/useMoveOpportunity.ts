import { notifications } from '@mantine/notifications';
import { type QueryClient, type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Opportunity, PipelineRow } from '../api/types.js';
import { errorMessage } from '../components/states.js';
import { type ColumnData, moveInSummary, prependCard, removeCard } from './boardMove.js';
import { keys, type OpportunityFilters, useStages } from './queries.js';
import { showUndo } from './undoNotice.js';

export interface MoveVars {
  opportunity: Opportunity;
  to: string;
  /** Why the deal was lost: sent only with a move into a lost stage. */
  lost_reason?: string;
  /** Set on the move that undoes another: it offers no undo of its own. */
  undo?: boolean;
}

/** The move's PATCH body: the API accepts a lost_reason only when the deal ends up lost. */
export const moveBody = ({ to, lost_reason }: MoveVars) =>
  lost_reason === undefined ? { stage: to } : { stage: to, lost_reason };

/** What the cache held before a move: put back as it was when the server refuses. */
export type Snapshot = [QueryKey, unknown][];

/** Moves the card and updates both columns' totals in the cache at once, before the server answers. */
export function applyMove(
  qc: QueryClient,
  filters: OpportunityFilters,
  probabilities: ReadonlyMap<string, number>,
  { opportunity, to, lost_reason }: MoveVars,
): Snapshot {
  const id = opportunity.opportunity_id;
  const from = opportunity.stage ?? '';
  const fromKey = keys.column(filters, from);
  const toKey = keys.column(filters, to);
  const summaryKey = keys.summary(filters);
  const recordKey = keys.record(id);
  const snapshot: Snapshot = [fromKey, toKey, summaryKey, recordKey].map((k) => [k, qc.getQueryData(k)]);
  // the server clears a lost reason when the deal leaves a lost stage, and this move brings its own
  const moved = { ...opportunity, stage: to, lost_reason: lost_reason ?? null };
  qc.setQueryData<ColumnData>(fromKey, (d) => removeCard(d, id));
  qc.setQueryData<ColumnData>(toKey, (d) => prependCard(d, moved));
  qc.setQueryData<{ data: PipelineRow[] }>(summaryKey, (d) =>
    d
      ? {
          data: moveInSummary(
            d.data,
            { from, to, value: opportunity.deal_value, probability: opportunity.probability },
            probabilities,
          ),
        }
      : d,
  );
  qc.setQueryData<Opportunity>(recordKey, (d) => (d ? { ...d, stage: to } : d));
  return snapshot;
}

export function restore(qc: QueryClient, snapshot: Snapshot) {
  for (const [key, data] of snapshot) qc.setQueryData(key, data);
}

const MOVE = ['opportunities', 'move'];

/** Changes a deal's stage optimistically (board drag, card or detail select); rolled back if refused. */
export function useMoveOpportunity(filters: OpportunityFilters = {}) {
  const qc = useQueryClient();
  const stages = useStages();
  const { t } = useTranslation('opportunities');
  const mutateRef = useRef<(vars: MoveVars) => void>(() => {});
  const mutation = useMutation({
    mutationKey: MOVE,
    mutationFn: (vars: MoveVars) =>
      api<Opportunity>('PATCH', `/opportunities/${vars.opportunity.opportunity_id}`, moveBody(vars)),
    onMutate: async (vars) => {
      // an answer already on its way would otherwise overwrite the optimistic state
      await qc.cancelQueries({ queryKey: ['opportunities'] });
      const probabilities = new Map((stages.data ?? []).map((s) => [s.name, s.probability]));
      return applyMove(qc, filters, probabilities, vars);
    },
    onError: (error, { opportunity }, snapshot) => {
      if (snapshot) restore(qc, snapshot);
      notifications.show({
        color: 'red',
        title: t('moveFailed', { name: opportunity.opportunity_name ?? '' }),
        message: errorMessage(error),
      });
    },
    onSuccess: (saved, vars) => {
      if (vars.undo) return;
      const from = vars.opportunity.stage ?? '';
      // undoing a move out of a lost stage puts the deal's reason back with it
      const kind = stages.data?.find((s) => s.name === from)?.kind;
      const previous = (vars.opportunity as { lost_reason?: string | null }).lost_reason;
      showUndo({
        name: vars.opportunity.opportunity_name ?? `#${vars.opportunity.opportunity_id}`,
        stage: vars.to,
        onUndo: () =>
          mutateRef.current({
            opportunity: saved,
            to: from,
            lost_reason: kind === 'lost' && previous ? previous : undefined,
            undo: true,
          }),
      });
    },
    onSettled: () => {
      // with several moves in flight, refetching after the first would undo the others on screen
      if (qc.isMutating({ mutationKey: MOVE }) === 1) {
        void qc.invalidateQueries({ queryKey: ['opportunities'] });
        void qc.invalidateQueries({ queryKey: ['pipeline'] });
      }
    },
  });
  mutateRef.current = mutation.mutate;
  return mutation;
}
