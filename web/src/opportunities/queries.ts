import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, query } from '../api/client.js';
import type { Opportunity, Page, PipelineRow, PipelineStage } from '../api/types.js';

/** What the board, its column totals and the table are filtered by (URL parameters, API names). */
export interface OpportunityFilters {
  owner_id?: string;
  company_id?: string;
  q?: string;
  /** tag names, comma-separated: the deals having all of them */
  tag?: string;
  /** the custom fields' filters (`cf.<key>`, `cf.<key>[gte]`…), which the summary takes too */
  [cf: `cf.${string}`]: string | undefined;
}

/** A board column shows this many cards, then "load more": a stage can hold a million deals. */
export const COLUMN_PAGE = 20;
/** Last changed first: a card that has just been moved is on top of its new column. */
export const BOARD_SORT = '-updated_at';

// Everything under 'opportunities', so that the generic save/remove hooks (which invalidate that
// prefix) also refresh the board's columns and totals.
export const keys = {
  column: (filters: OpportunityFilters, stage: string) => ['opportunities', 'board', filters, stage] as const,
  summary: (filters: OpportunityFilters) => ['opportunities', 'pipeline', filters] as const,
  record: (id: number | string) => ['opportunities', 'one', String(id)] as const,
  stages: ['pipeline-stages', 'list', { limit: 200 }] as const,
};

/** The configured stages, in position order (the API's default sort). */
export function useStages() {
  return useQuery({
    queryKey: keys.stages,
    queryFn: ({ signal }) =>
      api<Page<PipelineStage>>('GET', '/pipeline-stages?limit=200', undefined, { signal }),
    select: (page) => page.data,
    staleTime: 60_000,
  });
}

/** Count, total and weighted value per stage, computed by the server over every matching deal. */
export function usePipelineSummary(filters: OpportunityFilters) {
  return useQuery({
    queryKey: keys.summary(filters),
    queryFn: ({ signal }) =>
      api<{ data: PipelineRow[] }>('GET', `/pipeline${query({ ...filters })}`, undefined, { signal }),
    select: (res) => res.data,
  });
}

/** One column of the board: keyset pages of the deals in that stage. */
export function useColumn(filters: OpportunityFilters, stage: string) {
  return useInfiniteQuery({
    queryKey: keys.column(filters, stage),
    queryFn: ({ pageParam, signal }) =>
      api<Page<Opportunity>>(
        'GET',
        `/opportunities${query({ ...filters, stage, sort: BOARD_SORT, limit: COLUMN_PAGE, cursor: pageParam })}`,
        undefined,
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
