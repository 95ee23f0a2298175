import { useQuery } from '@tanstack/react-query';
import { api, query } from '../api/client.js';
import type { ClosedSummary, PipelineRow } from '../api/types.js';
import { type Period, periodRange } from './periods.js';

// Keys start with "opportunities" so that any saved opportunity (useSave) refreshes these figures.

/** Whose deals the dashboard counts: everyone's (undefined), the caller's ("me") or a user's ID. */
export type OwnerFilter = string | undefined;

export function usePipeline(owner: OwnerFilter) {
  return useQuery({
    queryKey: ['opportunities', 'pipeline', owner ?? null],
    queryFn: ({ signal }) =>
      api<{ data: PipelineRow[] }>('GET', `/pipeline${query({ owner_id: owner })}`, undefined, { signal }),
  });
}

/**
 * The deals won and lost in the period, by the day they were closed (closed_at), counted by the
 * server. The period's bounds are the user's local midnights, sent as instants.
 */
export function useClosed(period: Period, owner: OwnerFilter) {
  const { from, to } = periodRange(period);
  return useQuery({
    queryKey: ['opportunities', 'closed', period, from.toISOString(), owner ?? null],
    queryFn: ({ signal }) =>
      api<ClosedSummary>(
        'GET',
        `/pipeline/closed${query({ from: from.toISOString(), to: to.toISOString(), owner_id: owner })}`,
        undefined,
        { signal },
      ),
  });
}
