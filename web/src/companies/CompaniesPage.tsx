import { Autocomplete, Button, Stack } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { exportHeaders } from '../../../shared/export-columns.js';
import { useList, useMe } from '../api/queries.js';
import type { Company } from '../api/types.js';
import { canCreate } from '../auth/permissions.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { BulkBar } from '../contacts/list/BulkBar.js';
import { csvDelimiter, downloadCsv, toCsv } from '../contacts/list/csv.js';
import { LoadMore, OwnerFilter, SearchBox } from '../contacts/list/ListControls.js';
import { useBulk } from '../contacts/list/useBulk.js';
import { useListParams, useSelection } from '../contacts/list/useListParams.js';
import { ExportMenu } from '../imports/ExportMenu.js';
import { FilterPanel } from '../records/FilterPanel.js';
import { SortSelect } from '../records/SortSelect.js';
import { usePhone } from '../records/usePhone.js';
import { CompaniesTable } from './CompaniesTable.js';
import { CompanyCards } from './CompanyCards.js';
import { CompanyFormModal } from './CompanyForm.js';

const KEYS = ['q', 'sort', 'owner_id', 'industry'] as const;
const DEFAULT_SORT = 'company_name';
const idOf = (c: Company) => c.company_id;
const labelOf = (c: Company) => c.company_name ?? `#${c.company_id}`;

export default function CompaniesPage() {
  const { t, i18n } = useTranslation('companies');
  const { t: tl } = useTranslation('contacts');
  const me = useMe().data;
  const navigate = useNavigate();
  const userName = useUserName();
  const [params, setParams] = useListParams(KEYS);
  const [creating, setCreating] = useState(false);
  // a new key remounts the text filters, emptying them, when the filters are cleared
  const [resetCount, setResetCount] = useState(0);
  const list = useList<Company>('companies', { ...params, limit: 50 });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const selection = useSelection(idOf);
  const selectedRows = [...selection.selected.values()];
  const bulk = useBulk('companies', selectedRows, idOf, labelOf, selection.clear);
  const filtered = !!(params.q || params.owner_id || params.industry);
  const phone = usePhone();
  const sort = params.sort || DEFAULT_SORT;
  const onSort = (s: string) => setParams({ sort: s === DEFAULT_SORT ? null : s });

  const { clear } = selection;
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever the query changes
  useEffect(() => clear(), [params, clear]);

  const exportSelected = () => {
    // the full export's headers (shared/export-columns.ts), so that both files read the same
    const header = exportHeaders(
      'companies',
      ['company_id', 'company_name', 'industry', 'website', 'owner', 'created_at'],
      i18n.language,
    );
    const body = selectedRows.map((c) => [
      c.company_id,
      c.company_name,
      c.industry,
      c.website,
      c.owner_id == null ? null : userName(c.owner_id),
      c.created_at,
    ]);
    downloadCsv(t('csvFile'), toCsv(header, body, csvDelimiter(i18n.language)));
    notifications.show({ color: 'green', message: tl('bulkExported', { count: body.length }) });
  };

  return (
    <>
      <PageHeader title={t('title')}>
        <ExportMenu entity="companies" params={params} />
        {canCreate(me) && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('newCompany')}
          </Button>
        )}
      </PageHeader>
      <Stack gap="sm">
        <FilterPanel
          label={tl('listFilters')}
          search={
            <SearchBox
              key={`q${resetCount}`}
              value={params.q}
              onChange={(q) => setParams({ q })}
              label={t('searchLabel')}
              placeholder={t('searchPlaceholder')}
            />
          }
          sort={
            <SortSelect
              sort={sort}
              onSort={onSort}
              fields={[
                { field: DEFAULT_SORT, label: t('name') },
                { field: 'industry', label: t('industry') },
                { field: 'created_at', label: t('createdAt') },
              ]}
            />
          }
          active={[params.owner_id, params.industry].filter(Boolean).length}
          onClear={
            filtered
              ? () => {
                  setParams({ q: null, owner_id: null, industry: null });
                  setResetCount((n) => n + 1);
                }
              : undefined
          }
        >
          <OwnerFilter value={params.owner_id} onChange={(v) => setParams({ owner_id: v })} />
          <IndustryFilter
            key={`i${resetCount}`}
            value={params.industry}
            onChange={(industry) => setParams({ industry })}
            seen={rows}
          />
        </FilterPanel>
        <BulkBar
          count={selection.selected.size}
          canWrite={canCreate(me)}
          busy={bulk.busy}
          onAssign={(owner) => void bulk.assign(owner)}
          onDelete={() => void bulk.remove()}
          onExport={exportSelected}
          onClear={selection.clear}
        />
        {list.isLoading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : rows.length === 0 ? (
          <Empty>{filtered ? t('emptyFiltered') : t('empty')}</Empty>
        ) : (
          <div>
            {phone ? (
              <CompanyCards
                rows={rows}
                selected={selection.selected}
                onToggle={selection.toggle}
                onToggleAll={(on) => selection.setAll(rows, on)}
              />
            ) : (
              <CompaniesTable
                rows={rows}
                sort={sort}
                onSort={onSort}
                selected={selection.selected}
                onToggle={selection.toggle}
                onToggleAll={(on) => selection.setAll(rows, on)}
              />
            )}
            <LoadMore
              shown={rows.length}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onMore={() => void list.fetchNextPage()}
            />
          </div>
        )}
      </Stack>
      <CompanyFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/companies/${c.company_id}`)}
      />
    </>
  );
}

/**
 * The industry is an exact filter in the API, so the box suggests the industries already seen in
 * the list (there is no list of industries to fetch); any text can still be typed.
 */
function IndustryFilter({
  value,
  onChange,
  seen,
}: {
  value: string;
  onChange: (v: string) => void;
  seen: Company[];
}) {
  const { t } = useTranslation('companies');
  const [text, setText] = useState(value);
  const [known, setKnown] = useState<string[]>([]);
  const commit = useDebouncedCallback((v: string) => onChange(v.trim()), {
    delay: 400,
    // the phone's filters drawer may close (unmounting this box) before the delay ends
    flushOnUnmount: true,
  });
  const industries = seen.flatMap((c) => (c.industry ? [c.industry] : []));
  const fresh = industries.some((i) => !known.includes(i));
  useEffect(() => {
    if (fresh) setKnown((k) => [...new Set([...k, ...industries])].sort((a, b) => a.localeCompare(b)));
  }, [fresh, industries]);
  return (
    <Autocomplete
      label={t('industryFilter')}
      placeholder={t('anyIndustry')}
      data={known}
      value={text}
      onChange={(v) => {
        setText(v);
        commit(v);
      }}
      // a suggestion picked applies at once ("Voir les résultats" may come right after)
      onOptionSubmit={(v) => onChange(v.trim())}
      clearable
      w={{ base: '100%', sm: 200 }}
    />
  );
}
