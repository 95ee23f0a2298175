import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedView, SavedViewCreate, SavedViewUpdate, ViewResource } from '../../../shared/views.js';
import { api } from '../api/client.js';
import type { User } from '../api/types.js';
import { type Column, type ColumnChoice, normalizeChoice, shownColumns } from './columns.js';

export type { SavedView, ViewResource };

/** The URL parameter naming the saved view a list shows (`?view=12`). */
export const VIEW_PARAM = 'view';

/** Only managers and admins share views with the team (the server checks it too). */
export const canShareViews = (me: User | null | undefined) => me?.role === 'admin' || me?.role === 'manager';

/** May `me` save over, rename or delete this view: their own, or a shared one if they share views. */
export const canChangeView = (me: User | null | undefined, view: SavedView) =>
  !!me && (view.shared ? canShareViews(me) : view.owner_id === me.user_id);

/** A list's parameters worth keeping in a view: its search, sort and filters that have a value. */
export function viewQuery(params: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (params[k] ? [[k, params[k]]] : [])));
}

const fieldOf = <T>(c: Column<T>) => c.field ?? c.key;

/** The shown columns as a view keeps them: the records' field names, in order. */
export const viewColumns = <T>(columns: Column<T>[], choice: ColumnChoice): string[] =>
  shownColumns(columns, choice).map(fieldOf);

/** A view's columns as the table's choice: those named, in their order, the others hidden after them. */
export function viewChoice<T>(columns: Column<T>[], fields: string[]): ColumnChoice {
  const byField = new Map(columns.map((c) => [fieldOf(c), c.key]));
  const shown = fields.flatMap((f) => byField.get(f) ?? []);
  const rest = columns.map((c) => c.key).filter((k) => !shown.includes(k));
  return normalizeChoice(columns, { order: [...shown, ...rest], hidden: rest });
}

/** The URL once a view is chosen: its query replaces the list's, other parameters (the layout) stay. */
export function viewSearch(
  prev: URLSearchParams,
  keys: readonly string[],
  view: SavedView | null,
): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const k of [...keys, VIEW_PARAM, 'cursor']) next.delete(k);
  if (!view) return next;
  next.set(VIEW_PARAM, String(view.view_id));
  for (const k of keys) if (view.query[k]) next.set(k, view.query[k]);
  return next;
}

const key = (resource: ViewResource) => ['views', resource];

/** My views of a list and the team's, sorted by name (the server's order). */
export function useViews(resource: ViewResource) {
  return useQuery({
    queryKey: key(resource),
    queryFn: ({ signal }) =>
      api<{ data: SavedView[] }>('GET', `/views?resource=${resource}`, undefined, { signal }),
    select: (r) => r.data,
    staleTime: 60_000,
  });
}

export function useViewChanges(resource: ViewResource) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: key(resource) });
  return {
    create: useMutation({
      mutationFn: (body: SavedViewCreate) => api<SavedView>('POST', '/views', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: SavedViewUpdate }) =>
        api<SavedView>('PATCH', `/views/${id}`, body),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: number) => api<void>('DELETE', `/views/${id}`),
      onSuccess,
    }),
  };
}
