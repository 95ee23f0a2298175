// The shared record kit (web/src/records/): list pieces used by the contacts, companies, deals and
// tasks pages. Registered by web/src/records/strings.ts when a list page loads, not in the first load.
export const records: Record<keyof typeof import('../fr/records.js').records, string> = {
  filters: 'Filters',
  filtersActive_zero: 'Filters',
  filtersActive_one: 'Filters, {{count}} active',
  filtersActive_other: 'Filters, {{count}} active',
  showResults: 'Show results',
  clearFilters: 'Clear filters',
  sort: 'Sort by',
  sortAscending: '{{column}} (ascending)',
  sortDescending: '{{column}} (descending)',
  sortCurrent: 'Current order',
  selectAll: 'Select all',
  columns: 'Columns',
  columnsTitle: 'Shown columns',
  columnsHint: 'Tick the columns to show; the arrows change their order.',
  columnUp: 'Move {{column}} up',
  columnDown: 'Move {{column}} down',
  columnsReset: 'Default columns',
  columnFixed: '{{column}} (always shown)',
};
