import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { type Column, useColumns } from './columns.js';
import {
  type SavedView,
  useViews,
  VIEW_PARAM,
  type ViewResource,
  viewChoice,
  viewColumns,
  viewQuery,
  viewSearch,
} from './savedViews.js';

/**
 * The saved view a list shows (`?view=<id>`), applying one (its query to the URL, its columns to
 * the table), and what the list shows now as a view would keep it.
 *
 * A link to `?view=<id>` alone applies the view. Once applied, `view` stays in the URL while the
 * user changes the filters or the sort, so that "update view" knows which one to save over; a
 * reload then keeps those changes (the URL has its own parameters, and wins).
 */
export function useSavedView<T>(resource: ViewResource, keys: readonly string[], columns: Column<T>[]) {
  const [search, setSearch] = useSearchParams();
  const views = useViews(resource);
  const cols = useColumns(resource, columns);
  const raw = search.get(VIEW_PARAM) ?? '';
  // the deals' old `?view=table` names a layout, not a saved view
  const id = /^\d+$/.test(raw) ? Number(raw) : undefined;
  const current = views.data?.find((v) => v.view_id === id);

  const { setChoice, reset } = cols;
  const apply = useCallback(
    (view: SavedView | null, replace = false) => {
      setSearch((prev) => viewSearch(prev, keys, view), { replace });
      if (view?.columns) setChoice(viewChoice(columns, view.columns));
      else reset();
    },
    [setSearch, keys, columns, setChoice, reset],
  );

  // a link to a view: applied once its views have loaded, unless the URL says more (see above)
  const applied = useRef<number>(undefined);
  useEffect(() => {
    if (id === undefined || applied.current === id || !views.data) return;
    applied.current = id;
    if (!current) {
      // deleted, or unshared: the list as the URL has it, without the name of a view it is not
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete(VIEW_PARAM);
          return next;
        },
        { replace: true },
      );
      return;
    }
    if (keys.every((k) => !search.get(k))) apply(current, true);
  }, [id, current, views.data, keys, search, apply, setSearch]);

  const params = Object.fromEntries(keys.map((k) => [k, search.get(k) ?? '']));
  const query = viewQuery(params, keys);
  const shownColumns = cols.custom ? viewColumns(columns, cols.choice) : null;
  return {
    views: views.data ?? [],
    current,
    /** chooses a view, or none (the list's defaults) */
    choose: (view: SavedView | null) => {
      applied.current = view?.view_id;
      apply(view);
    },
    /** what "save view" keeps: the list's query now (never its cursor) and its columns */
    state: { query, columns: shownColumns },
    /** the list differs from its view as saved */
    changed:
      !!current &&
      (JSON.stringify(sortKeys(current.query)) !== JSON.stringify(sortKeys(query)) ||
        JSON.stringify(current.columns) !== JSON.stringify(shownColumns)),
  };
}

const sortKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort());
