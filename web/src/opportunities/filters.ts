import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { OpportunityFilters } from './queries.js';

export type View = 'board' | 'table';

/**
 * The page's state lives in the URL (?view=table&owner_id=me&company_id=5&q=…&stage=…&sort=…), so
 * that a filtered view can be bookmarked, shared and restored by the back button.
 */
export function useOpportunityParams() {
  const [params, setParams] = useSearchParams();
  const owner_id = params.get('owner_id') || undefined;
  const company_id = params.get('company_id') || undefined;
  const q = params.get('q') || undefined;
  const filters = useMemo<OpportunityFilters>(() => ({ owner_id, company_id, q }), [owner_id, company_id, q]);
  const view: View = params.get('view') === 'table' ? 'table' : 'board';
  const update = (patch: Record<string, string | null | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  return {
    filters,
    view,
    stage: params.get('stage') || undefined,
    sort: params.get('sort') || '-created_at',
    update,
  };
}
