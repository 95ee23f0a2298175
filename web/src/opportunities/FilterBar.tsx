import { Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/queries.js';
import { CompanySelect } from '../companies/CompanySelect.js';
import { FilterPanel } from '../records/FilterPanel.js';
import { SortSelect } from '../records/SortSelect.js';
import { useOpportunityParams } from './filters.js';
import { useStages } from './queries.js';

/**
 * Search, owner ("me" included) and company for both views; the table also filters by stage, and
 * on a phone (cards, no column headers) picks its order here.
 */
export function FilterBar() {
  const { t } = useTranslation('opportunities');
  const { filters, view, stage, sort, update } = useOpportunityParams();
  const users = useUsers();
  const stages = useStages();
  const [text, setText] = useState(filters.q ?? '');
  // a new key remounts the search box, emptying it, when the filters are cleared
  const [resetCount, setResetCount] = useState(0);
  const pushSearch = useDebouncedCallback((q: string) => update({ q: q.trim() }), {
    delay: 300,
    flushOnUnmount: true,
  });
  const owners = [
    { value: 'me', label: t('mine') },
    ...(users.data?.data ?? []).map((u) => ({ value: String(u.user_id), label: u.name ?? u.email })),
  ];
  const table = view === 'table';
  const w = { base: '100%', xs: 200 };
  const active = [filters.owner_id, filters.company_id, table ? stage : undefined].filter(Boolean).length;
  return (
    <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
      <FilterPanel
        label={t('filters')}
        search={
          <TextInput
            key={resetCount}
            w={w}
            label={t('search')}
            placeholder={t('searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              pushSearch(e.currentTarget.value);
            }}
          />
        }
        sort={
          table ? (
            <SortSelect
              sort={sort}
              onSort={(s) => update({ sort: s })}
              fields={[
                { field: 'opportunity_name', label: t('name') },
                { field: 'stage', label: t('stage') },
                { field: 'deal_value', label: t('valueShort') },
                { field: 'expected_close_date', label: t('expectedClose') },
                { field: 'created_at', label: t('createdAt') },
              ]}
            />
          ) : undefined
        }
        active={active}
        onClear={
          active > 0 || filters.q
            ? () => {
                update({ q: null, owner_id: null, company_id: null, stage: null });
                setText('');
                setResetCount((n) => n + 1);
              }
            : undefined
        }
      >
        <Select
          w={w}
          label={t('owner')}
          placeholder={t('anyOwner')}
          data={owners}
          value={filters.owner_id ?? null}
          onChange={(v) => update({ owner_id: v })}
          searchable
          clearable
        />
        <CompanySelect
          w={w}
          label={t('company')}
          value={filters.company_id ?? null}
          onChange={(v) => update({ company_id: v })}
        />
        {table && (
          <Select
            w={w}
            label={t('stage')}
            placeholder={t('allStages')}
            data={(stages.data ?? []).map((s) => s.name)}
            value={stage ?? null}
            onChange={(v) => update({ stage: v })}
            clearable
          />
        )}
      </FilterPanel>
    </div>
  );
}
