import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../api/client.js';
import type { LostReason, Page } from '../api/types.js';

/**
 * The configured reasons a deal can be lost for, in their order. A server without the list (404)
 * gives an empty one: the dialog then offers free text only.
 */
export function useLostReasons(enabled = true) {
  return useQuery({
    queryKey: ['lost-reasons', 'list', { limit: 200 }],
    queryFn: async ({ signal }) => {
      try {
        return (await api<Page<LostReason>>('GET', '/lost-reasons?limit=200', undefined, { signal })).data;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },
    enabled,
    staleTime: 60_000,
  });
}
