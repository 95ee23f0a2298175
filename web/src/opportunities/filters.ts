import { useMemo } from 'react';
import { cfFilterKeys, useCustomFields } from '../fields/customFields.js';
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
  // the deals' custom fields filter the table (`cf.<key>`), and a saved view keeps them
  const cf = useCustomFields('opportunities');
  const cfFields = cf.data;
  const cfKeys = useMemo(() => (cfFields ?? []).flatMap(cfFilterKeys), [cfFields]);
  const keys = useMemo(() => [...KEYS, ...cfKeys] as unknown as typeof KEYS, [cfKeys]);
  const [params, update] = useListParams(keys);
  const all = params as Record<string, string>;
  const serialized = cfKeys.map((k) => all[k] ?? '').join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `serialized` stands for the values of `cfKeys`
  const custom = useMemo(
    () => Object.fromEntries(cfKeys.flatMap((k) => (all[k] ? [[k, all[k]]] : []))) as Record<string, string>,
    [serialized],
  );
  const owner_id = params.owner_id || undefined;
  const company_id = params.company_id || undefined;
  const q = params.q || undefined;
  const tag = params.tag || undefined;
  const filters = useMemo<OpportunityFilters>(
    () => ({ owner_id, company_id, q, tag, ...custom }),
    [owner_id, company_id, q, tag, custom],
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
    /** the custom fields' definitions (undefined while they load), their filters set, their keys */
    cfFields,
    custom,
    cfKeys,
    viewKeys: useMemo(() => [...VIEW_KEYS, ...cfKeys], [cfKeys]),
    cfLoading: cf.isPending,
  };
}
