// The team's tags from /api/v1/tags: the names forms suggest, the colours chips take, and the
// changes Settings → Tags makes (each of which changes records: every list is refetched).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Color } from '../../../shared/colors.js';
import type { Tag } from '../../../shared/tags.js';
import { api } from '../api/client.js';

export type { Tag };
export const TAGS_KEY = ['tags', 'all'] as const;

export function useTags() {
  return useQuery({
    queryKey: TAGS_KEY,
    queryFn: ({ signal }) => api<{ data: Tag[] }>('GET', '/tags', undefined, { signal }),
    select: (r) => r.data,
    staleTime: 30_000,
  });
}

/** name (folded) → colour, for the chips */
export function useTagColors(): (name: string) => Color {
  const tags = useTags().data ?? [];
  const byName = new Map(tags.map((t) => [t.name.toLocaleLowerCase(), t.color as Color]));
  return (name) => byName.get(name.toLocaleLowerCase()) ?? 'gray';
}

export function useTagChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (op: { method: 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown }) =>
      api<Tag | undefined>(op.method, op.path, op.body),
    // a rename, merge or delete rewrote records: every list and record is stale
    onSuccess: () => qc.invalidateQueries(),
  });
}
