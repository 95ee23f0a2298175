import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, query } from './client.js';
import type { AuditEvent, ListParams, Page, User } from './types.js';

/** The signed-in user, or null when signed out (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<User>('GET', '/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export interface Instance {
  setup_needed: boolean;
  currency: string;
  default_locale: 'fr' | 'en';
}

export function useInstance() {
  return useQuery({
    queryKey: ['instance'],
    queryFn: () => api<Instance>('GET', '/setup'),
    staleTime: 300_000,
  });
}

/**
 * A keyset-paged list; `fetchNextPage` follows next_cursor. `path` reads a related list of
 * `resource` rows instead (`companies/7/tasks`), cached under `resource` all the same, so that a
 * saved or deleted row refreshes it too.
 */
export function useList<T>(
  resource: string,
  params: ListParams = {},
  opts: { enabled?: boolean; path?: string } = {},
) {
  const path = opts.path ?? resource;
  return useInfiniteQuery({
    queryKey: opts.path ? [resource, 'list', params, opts.path] : [resource, 'list', params],
    queryFn: ({ pageParam, signal }) =>
      api<Page<T>>('GET', `/${path}${query({ ...params, cursor: pageParam })}`, undefined, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: opts.enabled ?? true,
  });
}

export function useRecord<T>(resource: string, id: number | string | undefined) {
  return useQuery({
    queryKey: [resource, 'one', String(id)],
    queryFn: ({ signal }) => api<T>('GET', `/${resource}/${id}`, undefined, { signal }),
    enabled: id !== undefined,
  });
}

/** A record's history, newest first, a page at a time; `fetchNextPage` follows next_cursor. */
export function useHistory(resource: string, id: number | string | undefined, limit = 20) {
  return useInfiniteQuery({
    queryKey: [resource, 'history', String(id)],
    queryFn: ({ pageParam, signal }) =>
      api<Page<AuditEvent>>(
        'GET',
        `/${resource}/${id}/history${query({ limit, cursor: pageParam })}`,
        undefined,
        {
          signal,
        },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: id !== undefined,
  });
}

/** Create (no id) or update (id) a record; lists and the record are refetched afterwards. */
export function useSave<T>(resource: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values }: { id?: number; values: Record<string, unknown> }) =>
      id === undefined
        ? api<T>('POST', `/${resource}`, values)
        : api<T>('PATCH', `/${resource}/${id}`, values),
    onSuccess: () => qc.invalidateQueries({ queryKey: [resource] }),
  });
}

export function useRemove(resource: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>('DELETE', `/${resource}/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: [resource] }),
  });
}

/** Every user, for owner pickers and names (teams are small; 200 is the page limit). */
export function useUsers() {
  return useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => api<Page<User>>('GET', '/users?limit=200&sort=name'),
    staleTime: 60_000,
  });
}

/** Formats money in the instance currency (CRM_CURRENCY, EUR by default). */
export function useCurrency(): string {
  return useInstance().data?.currency ?? 'EUR';
}
