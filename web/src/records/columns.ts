import { useLocalStorage } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** One column of a record table, declared once per list (contacts, companies, deals). */
export interface Column<T> {
  /** stable name, kept in the user's choice in this browser */
  key: string;
  /** the record's field it shows, as a saved view names the column (shared/views.ts); default `key` */
  field?: string;
  label: string;
  cell: (row: T) => ReactNode;
  /** the API's sort value, ascending (`last_name,first_name`); absent when the column does not sort */
  sort?: string;
  /** a first click sorts descending: amounts and dates are wanted biggest or latest first */
  descFirst?: boolean;
  align?: 'right';
  nowrap?: boolean;
  /** always shown, first (the record's name, its link); the chooser does not offer to hide it */
  fixed?: boolean;
  /** hidden until the user picks it */
  optional?: boolean;
}

/**
 * What the user chose for a list: every column key in the order wanted, and those hidden. Keys
 * the code no longer declares are ignored; columns declared since are placed by their declaration.
 */
export interface ColumnChoice {
  order: string[];
  hidden: string[];
}

/** The columns as declared: each in its place, the optional ones hidden. */
export function defaultChoice<T>(columns: Column<T>[]): ColumnChoice {
  return {
    order: columns.map((c) => c.key),
    hidden: columns.filter((c) => c.optional).map((c) => c.key),
  };
}

/**
 * Reads a choice against the columns declared now: every declared column once, in the chosen
 * order, a column the choice does not know after the one declared before it; fixed ones first
 * and never hidden. Anything unreadable (an old or hand-edited value) falls back to the default.
 */
export function normalizeChoice<T>(columns: Column<T>[], choice: unknown): ColumnChoice {
  const fallback = defaultChoice(columns);
  if (!choice || typeof choice !== 'object') return fallback;
  const { order, hidden } = choice as Partial<ColumnChoice>;
  if (!Array.isArray(order) || !Array.isArray(hidden)) return fallback;
  const declared = new Map(columns.map((c) => [c.key, c]));
  const hide = hidden.filter((k): k is string => typeof k === 'string');
  const known = order.filter((k, i) => declared.has(k) && order.indexOf(k) === i);
  // a newly declared column goes right after its declared predecessor (or first)
  columns.forEach((c, i) => {
    if (known.includes(c.key)) return;
    const before = columns[i - 1]?.key;
    known.splice(before === undefined ? 0 : known.indexOf(before) + 1, 0, c.key);
    if (c.optional && !hide.includes(c.key)) hide.push(c.key);
  });
  const fixed = known.filter((k) => declared.get(k)?.fixed);
  return {
    order: [...fixed, ...known.filter((k) => !declared.get(k)?.fixed)],
    hidden: hide.filter((k) => declared.has(k) && !declared.get(k)?.fixed),
  };
}

/** The columns to show, in order. */
export function shownColumns<T>(columns: Column<T>[], choice: ColumnChoice): Column<T>[] {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  return choice.order.flatMap((k) => {
    const c = byKey.get(k);
    return c && !choice.hidden.includes(k) ? [c] : [];
  });
}

/** Shows or hides one column. */
export function toggleColumn(choice: ColumnChoice, key: string, shown: boolean): ColumnChoice {
  const hidden = choice.hidden.filter((k) => k !== key);
  return { order: choice.order, hidden: shown ? hidden : [...hidden, key] };
}

/** Moves a column one place earlier (-1) or later (+1); fixed columns stay where they are. */
export function moveColumn<T>(
  columns: Column<T>[],
  choice: ColumnChoice,
  key: string,
  by: -1 | 1,
): ColumnChoice {
  const fixed = new Set(columns.filter((c) => c.fixed).map((c) => c.key));
  const order = [...choice.order];
  const from = order.indexOf(key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= order.length || fixed.has(key) || fixed.has(order[to] ?? '')) return choice;
  [order[from], order[to]] = [order[to] as string, key];
  return { order, hidden: choice.hidden };
}

/** The sortable columns, as the phone's sort choice lists them (in their declared order). */
export const sortFields = <T>(columns: Column<T>[]) =>
  columns.flatMap((c) => (c.sort ? [{ field: c.sort, label: c.label }] : []));

export const columnsStorageKey = (list: string) => `carnet.columns.${list}`;

/**
 * A list's column choice, remembered in this browser (per list); a saved view keeps a copy on the
 * server and puts it back here when chosen (SavedViews). Read on the first render, so that a
 * reload does not paint the default columns first.
 */
export function useColumns<T>(list: string, columns: Column<T>[]) {
  const [saved, setSaved, clearSaved] = useLocalStorage<unknown>({
    key: columnsStorageKey(list),
    defaultValue: null,
    getInitialValueInEffect: false,
  });
  const choice = normalizeChoice(columns, saved);
  return {
    choice,
    shown: shownColumns(columns, choice),
    /** the user chose columns (false: the declared defaults) */
    custom: saved !== null,
    setChoice: (next: ColumnChoice) => setSaved(next),
    reset: clearSaved,
  };
}
