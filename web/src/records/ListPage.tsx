import { Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { type ReactNode, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExportColumn, exportHeaders } from '../../../shared/export-columns.js';
import { useList, useMe } from '../api/queries.js';
import { canCreate } from '../auth/permissions.js';
import { PageHeader } from '../components/PageHeader.js';
import { CustomFilters } from '../fields/CustomFilters.js';
import { customColumns } from '../fields/customColumns.js';
import { cfFilterKeys, useCustomFields } from '../fields/customFields.js';
import { ExportMenu } from '../imports/ExportMenu.js';
import { BulkTagsButtons } from '../tags/BulkTagsButtons.js';
import { TagFilter } from '../tags/TagFilter.js';
import { BulkBar } from './BulkBar.js';
import { type Column, sortFields } from './columns.js';
import { type CsvValue, csvDelimiter, downloadCsv, toCsv } from './csv.js';
import { ListFilters } from './ListFilters.js';
import { type CardProps, RecordList, RecordView } from './RecordList.js';
import { SavedViews } from './SavedViews.js';
import { NS } from './strings.js';
import { useBulk } from './useBulk.js';
import { useListParams, useSelection } from './useListParams.js';

type Resource = 'contacts' | 'companies';
type Params<K extends string> = Record<'q' | 'sort' | 'tag' | K, string>;
type Patch<K extends string> = Partial<Record<'q' | 'sort' | 'tag' | K, string | null>>;

/**
 * A list page of records (contacts, companies): title and actions, search and filters kept in the
 * URL, the saved views, the sort, ticked rows and their bulk actions (assign, export, delete), and the rows as a
 * table with the user's columns or, on a phone, as cards. A list declares its columns, card,
 * filters and export; the rest is this one page.
 */
export function ListPage<T, K extends string, R extends Resource>({
  resource,
  title,
  newLabel,
  onNew,
  filterKeys,
  defaultSort,
  idOf,
  labelOf,
  columns,
  card,
  search,
  empty,
  filters,
  csv,
}: {
  resource: R;
  title: string;
  newLabel: string;
  onNew: () => void;
  /** the URL parameters the filters set (besides `q` and `sort`) */
  filterKeys: readonly K[];
  /** the API's default order, left out of the URL */
  defaultSort: string;
  idOf: (row: T) => number;
  labelOf: (row: T) => string;
  columns: Column<T>[];
  card: (row: T) => CardProps;
  search: { label: string; placeholder: string };
  empty: { all: string; filtered: string };
  /** the filter inputs; `rows` is what the list shows now (to suggest values seen) */
  filters: (params: Params<K>, set: (patch: Patch<K>) => void, rows: T[]) => ReactNode;
  /** the ticked rows' CSV: the full export's columns (shared/export-columns.ts), so both files read the same */
  csv: { file: string; columns: readonly ExportColumn<R>[]; rows: (rows: T[]) => Promise<CsvValue[][]> };
}) {
  const { t, i18n } = useTranslation(NS);
  const me = useMe().data;
  // the entity's custom fields: their columns, and their filters' URL parameters (`cf.<key>`)
  const custom = useCustomFields(resource);
  const cfFields = custom.data;
  const cfKeys = useMemo(() => (cfFields ?? []).flatMap(cfFilterKeys), [cfFields]);
  const allColumns = useMemo(() => [...columns, ...customColumns<T>(cfFields ?? [])], [columns, cfFields]);
  // `tag`: every list of the kit filters by tags (web/src/tags)
  const listKeys = useMemo(
    () => ['q', 'sort', 'tag', ...filterKeys, ...cfKeys] as const,
    [filterKeys, cfKeys],
  );
  const [params, setParams] = useListParams<'q' | 'sort' | 'tag' | K>(
    listKeys as readonly ('q' | 'sort' | 'tag' | K)[],
  );
  const list = useList<T>(resource, { ...params, limit: 50 });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const selection = useSelection(idOf);
  const selectedRows = [...selection.selected.values()];
  const bulk = useBulk(resource, selectedRows, idOf, labelOf, selection.clear);
  const active =
    [...filterKeys, ...cfKeys].filter((k) => (params as Record<string, string>)[k]).length +
    (params.tag ? 1 : 0);
  const sort = params.sort || defaultSort;
  const onSort = (s: string) => setParams({ sort: s === defaultSort ? null : s } as Patch<K>);
  const clearAll = () => {
    const patch: Patch<K> = { q: null } as Patch<K>;
    for (const k of filterKeys) patch[k] = null;
    for (const k of cfKeys) (patch as Record<string, null>)[k] = null;
    setParams({ ...patch, tag: null } as Patch<K>);
  };

  // ticks from another search would act on rows the user can no longer see
  const { clear } = selection;
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever the query changes
  useEffect(() => clear(), [params, clear]);

  const exportSelected = async () => {
    const header = exportHeaders(resource, csv.columns, i18n.language);
    const body = await csv.rows(selectedRows);
    downloadCsv(csv.file, toCsv(header, body, csvDelimiter(i18n.language)));
    notifications.show({ color: 'green', message: t('bulkExported', { count: body.length }) });
  };

  return (
    <>
      <PageHeader title={title}>
        {/* a view's custom filters and columns are known once the definitions are */}
        {!custom.isPending && <SavedViews resource={resource} keys={listKeys} columns={allColumns} />}
        <ExportMenu entity={resource} params={params} />
        {canCreate(me) && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onNew}>
            {newLabel}
          </Button>
        )}
      </PageHeader>
      <Stack gap="sm">
        <ListFilters
          label={t('listFilters')}
          search={{ ...search, value: params.q, onChange: (q) => setParams({ q } as Patch<K>) }}
          sort={{ value: sort, onChange: onSort, fields: sortFields(allColumns) }}
          active={active}
          onClear={clearAll}
        >
          {filters(params, setParams, rows)}
          <TagFilter value={params.tag} onChange={(tag) => setParams({ tag } as Patch<K>)} />
          <CustomFilters
            fields={cfFields ?? []}
            params={params}
            set={setParams as (patch: Record<string, string | null>) => void}
          />
        </ListFilters>
        <BulkBar
          count={selection.selected.size}
          canWrite={canCreate(me)}
          busy={bulk.busy}
          onAssign={(owner) => void bulk.assign(owner)}
          onDelete={bulk.remove}
          onExport={() => void exportSelected()}
          onClear={selection.clear}
          tags={
            <BulkTagsButtons
              resource={resource}
              ids={[...selection.selected.keys()]}
              labelOf={(id) => {
                const row = selection.selected.get(id);
                return row ? labelOf(row) : `#${id}`;
              }}
              disabled={!!bulk.busy}
              onDone={selection.clear}
            />
          }
        />
        <RecordList list={list} empty={active > 0 || params.q ? empty.filtered : empty.all}>
          {(shown) => (
            <RecordView
              name={resource}
              label={title}
              rows={shown}
              columns={allColumns}
              rowKey={idOf}
              sort={sort}
              onSort={onSort}
              card={card}
              selection={{
                selected: selection.selected,
                onToggle: selection.toggle,
                onToggleAll: (on) => selection.setAll(shown, on),
                labelOf,
              }}
            />
          )}
        </RecordList>
      </Stack>
    </>
  );
}
