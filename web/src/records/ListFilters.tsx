import { Fragment, type ReactNode, useState } from 'react';
import { FilterPanel } from './FilterPanel.js';
import { SearchBox } from './ListControls.js';
import { type SortField, SortSelect } from './SortSelect.js';

/**
 * A list's search box, filters and (on a phone) order, with "clear filters" once anything is set.
 * Clearing empties the URL's values through `onClear` and remounts the boxes, which keep what was
 * typed in their own state until the pause that sends it.
 */
export function ListFilters({
  label,
  search,
  sort,
  active,
  onClear,
  children,
}: {
  /** the filters' accessible name (the search landmark) */
  label: string;
  search: { value: string; onChange: (q: string) => void; label: string; placeholder: string };
  /** the fields the list sorts by (the sortable columns), for a phone, which has no column headers */
  sort?: { value: string; onChange: (sort: string) => void; fields: SortField[] };
  /** how many of `children` are set */
  active: number;
  /** clears the search and every filter */
  onClear: () => void;
  children: ReactNode;
}) {
  // a new key remounts the search box and the filters, emptying them, when the filters are cleared
  const [resetCount, setResetCount] = useState(0);
  return (
    <FilterPanel
      label={label}
      search={<SearchBox key={`q${resetCount}`} {...search} />}
      sort={sort && <SortSelect sort={sort.value} onSort={sort.onChange} fields={sort.fields} />}
      active={active}
      onClear={
        active > 0 || search.value
          ? () => {
              onClear();
              setResetCount((n) => n + 1);
            }
          : undefined
      }
    >
      <Fragment key={`f${resetCount}`}>{children}</Fragment>
    </FilterPanel>
  );
}
