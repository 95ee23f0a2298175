import { useMemo } from 'react';
import { useListParams } from '../records/useListParams.js';
import type { OpportunityFilters } from './queries.js';

export type View = 'board' | 'table';

const KEYS = ['view', 'owner_id', 'company_id', 'q', 'stage', 'sort'] as const;

/**
 * The page's state lives in the URL (?view=table&owner_id=me&company_id=5&q=…&stage=…&sort=…), so
 * that a filtered view can be bookmarked, shared and restored by the back button.
 */
export function useOpportunityParams() {
  const [params, update] = useListParams(KEYS);
  const owner_id = params.owner_id || undefined;
  const company_id = params.company_id || undefined;
  const q = params.q || undefined;
  const filters = useMemo<OpportunityFilters>(() => ({ owner_id, company_id, q }), [owner_id, company_id, q]);
  return {
    filters,
    view: (params.view === 'table' ? 'table' : 'board') as View,
    stage: params.stage || undefined,
    sort: params.sort || '-created_at',
    update,
  };
}
