import { useMemo } from 'react';
import { useListParams } from '../records/useListParams.js';
import type { OpportunityFilters } from './queries.js';

export type Layout = 'board' | 'table';

/** What a saved view of the deals keeps (`?view=<id>` names the view, `layout` stays the user's). */
export const VIEW_KEYS = ['q', 'sort', 'owner_id', 'company_id', 'stage', 'tag'] as const;
const KEYS = ['layout', 'view', ...VIEW_KEYS] as const;

/** `?view=table` and `?view=board` named the layout before `view` meant a saved view: old links. */
export const isOldLayout = (view: string) => view === 'table' || view === 'board';

/**
 * The page's state lives in the URL (?layout=table&owner_id=me&company_id=5&q=…&stage=…&sort=…), so
 * that a filtered list can be bookmarked, shared and restored by the back button.
 */
export function useOpportunityParams() {
  const [params, update] = useListParams(KEYS);
  const owner_id = params.owner_id || undefined;
  const company_id = params.company_id || undefined;
  const q = params.q || undefined;
  const tag = params.tag || undefined;
  const filters = useMemo<OpportunityFilters>(
    () => ({ owner_id, company_id, q, tag }),
    [owner_id, company_id, q, tag],
  );
  const table = params.layout === 'table' || (!params.layout && params.view === 'table');
  return {
    filters,
    layout: (table ? 'table' : 'board') as Layout,
    /** an old link's `?view=table|board`, to be rewritten as `layout` */
    oldLayout: isOldLayout(params.view),
    stage: params.stage || undefined,
    sort: params.sort || '-created_at',
    update,
  };
}
