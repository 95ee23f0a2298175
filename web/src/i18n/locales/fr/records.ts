// The shared record kit (web/src/records/): list pieces used by the contacts, companies, deals and
// tasks pages. Registered by web/src/records/strings.ts when a list page loads, not in the first load.
export const records = {
  filters: 'Filtres',
  filtersActive_zero: 'Filtres',
  filtersActive_one: 'Filtres, {{count}} actif',
  filtersActive_other: 'Filtres, {{count}} actifs',
  showResults: 'Voir les résultats',
  clearFilters: 'Effacer les filtres',
  sort: 'Trier par',
  sortAscending: '{{column}} (croissant)',
  sortDescending: '{{column}} (décroissant)',
  sortCurrent: 'Ordre actuel',
  selectAll: 'Tout sélectionner',
  columns: 'Colonnes',
  columnsTitle: 'Colonnes affichées',
  columnsHint: 'Cochez les colonnes à afficher ; les flèches changent leur ordre.',
  columnUp: 'Monter {{column}}',
  columnDown: 'Descendre {{column}}',
  columnsReset: 'Colonnes par défaut',
  columnFixed: '{{column}} (toujours affichée)',
};
