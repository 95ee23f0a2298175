import { Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { exportHeaders } from '../../../shared/export-columns.js';
import { useList, useMe } from '../api/queries.js';
import type { Contact } from '../api/types.js';
import { canCreate } from '../auth/permissions.js';
import { CompanySelect } from '../companies/CompanySelect.js';
import { companyNames } from '../companies/useCompany.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { ExportMenu } from '../imports/ExportMenu.js';
import { personName } from '../lib/format.js';
import { FilterPanel } from '../records/FilterPanel.js';
import { SortSelect } from '../records/SortSelect.js';
import { usePhone } from '../records/usePhone.js';
import { ContactCards } from './ContactCards.js';
import { ContactFormModal } from './ContactForm.js';
import { ContactsTable } from './ContactsTable.js';
import { BulkBar } from './list/BulkBar.js';
import { csvDelimiter, downloadCsv, toCsv } from './list/csv.js';
import { LoadMore, OwnerFilter, SearchBox } from './list/ListControls.js';
import { useBulk } from './list/useBulk.js';
import { useListParams, useSelection } from './list/useListParams.js';

const KEYS = ['q', 'sort', 'company_id', 'owner_id'] as const;
const DEFAULT_SORT = 'last_name,first_name';
const idOf = (c: Contact) => c.contact_id;

export default function ContactsPage() {
  const { t, i18n } = useTranslation('contacts');
  const me = useMe().data;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const userName = useUserName();
  const [params, setParams] = useListParams(KEYS);
  const [creating, setCreating] = useState(false);
  // a new key remounts the search box, emptying it, when the filters are cleared
  const [resetCount, setResetCount] = useState(0);
  const list = useList<Contact>('contacts', { ...params, limit: 50 });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const selection = useSelection(idOf);
  const selectedRows = [...selection.selected.values()];
  const bulk = useBulk('contacts', selectedRows, idOf, personName, selection.clear);
  const filtered = !!(params.q || params.company_id || params.owner_id);
  const phone = usePhone();
  const sort = params.sort || DEFAULT_SORT;
  const onSort = (s: string) => setParams({ sort: s === DEFAULT_SORT ? null : s });

  // ticks from another search would act on rows the user can no longer see
  const { clear } = selection;
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever the query changes
  useEffect(() => clear(), [params, clear]);

  const exportSelected = async () => {
    const companies = await companyNames(
      qc,
      selectedRows.flatMap((c) => (c.company_id == null ? [] : [c.company_id])),
    );
    // the full export's headers (shared/export-columns.ts), so that both files read the same
    const header = exportHeaders(
      'contacts',
      ['contact_id', 'first_name', 'last_name', 'email', 'phone', 'company_name', 'owner', 'created_at'],
      i18n.language,
    );
    const body = selectedRows.map((c) => [
      c.contact_id,
      c.first_name,
      c.last_name,
      c.email,
      c.phone,
      c.company_id == null ? null : companies.get(c.company_id),
      c.owner_id == null ? null : userName(c.owner_id),
      c.created_at,
    ]);
    downloadCsv(t('csvFile'), toCsv(header, body, csvDelimiter(i18n.language)));
    notifications.show({ color: 'green', message: t('bulkExported', { count: body.length }) });
  };

  return (
    <>
      <PageHeader title={t('title')}>
        <ExportMenu entity="contacts" params={params} />
        {canCreate(me) && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('newContact')}
          </Button>
        )}
      </PageHeader>
      <Stack gap="sm">
        <FilterPanel
          label={t('listFilters')}
          search={
            <SearchBox
              key={resetCount}
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
                { field: 'email', label: t('email') },
                { field: 'created_at', label: t('createdAt') },
              ]}
            />
          }
          active={[params.company_id, params.owner_id].filter(Boolean).length}
          onClear={
            filtered
              ? () => {
                  setParams({ q: null, company_id: null, owner_id: null });
                  setResetCount((n) => n + 1);
                }
              : undefined
          }
        >
          <CompanySelect
            label={t('company')}
            value={params.company_id || null}
            onChange={(v) => setParams({ company_id: v })}
            w={{ base: '100%', sm: 220 }}
          />
          <OwnerFilter value={params.owner_id} onChange={(v) => setParams({ owner_id: v })} />
        </FilterPanel>
        <BulkBar
          count={selection.selected.size}
          canWrite={canCreate(me)}
          busy={bulk.busy}
          onAssign={(owner) => void bulk.assign(owner)}
          onDelete={() => void bulk.remove()}
          onExport={() => void exportSelected()}
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
              <ContactCards
                rows={rows}
                selected={selection.selected}
                onToggle={selection.toggle}
                onToggleAll={(on) => selection.setAll(rows, on)}
              />
            ) : (
              <ContactsTable
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
      <ContactFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/contacts/${c.contact_id}`)}
      />
    </>
  );
}
