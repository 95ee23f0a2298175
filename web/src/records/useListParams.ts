import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's search, sort and filters, kept in the URL so that a reload, a shared link or the back
 * button from a record returns to the same list.
 */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const serialized = keys.map((k) => params.get(k) ?? '').join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `serialized` stands for the values of `keys`
  const values = useMemo(
    () => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>,
    [serialized],
  );
  const set = useCallback(
    (patch: Partial<Record<K, string | null>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [string, string | null][]) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [values, set] as const;
}

/** Rows ticked for a bulk action, kept with their data (the export needs it). */
export function useSelection<T>(idOf: (row: T) => number) {
  const [selected, setSelected] = useState<Map<number, T>>(new Map());
  const toggle = useCallback(
    (row: T, on: boolean) =>
      setSelected((prev) => {
        const next = new Map(prev);
        if (on) next.set(idOf(row), row);
        else next.delete(idOf(row));
        return next;
      }),
    [idOf],
  );
  const setAll = useCallback(
    (rows: T[], on: boolean) =>
      setSelected((prev) => {
        const next = new Map(prev);
        for (const r of rows) {
          if (on) next.set(idOf(r), r);
          else next.delete(idOf(r));
        }
        return next;
      }),
    [idOf],
  );
  const clear = useCallback(() => setSelected(new Map()), []);
  return { selected, toggle, setAll, clear };
}
