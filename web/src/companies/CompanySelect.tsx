import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useList } from '../api/queries.js';
import type { Company } from '../api/types.js';
import { useCompany } from './useCompany.js';

/**
 * Picks a company by searching the API (there may be a million: they are never all loaded). The
 * value is the company_id as a string, or null.
 */
export function CompanySelect(props: Omit<SelectProps, 'data' | 'searchValue' | 'onSearchChange'>) {
  const { t } = useTranslation('companies');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const selectedId = props.value ? Number(props.value) : null;
  const selected = useCompany(selectedId);
  const selectedName = selected.data?.company_name ?? '';
  // once a company is chosen the box shows its name: that is not a new search
  const term = q === selectedName ? '' : q;
  const list = useList<Company>('companies', { q: term, limit: 20 });
  const rows = list.data?.pages[0]?.data ?? [];
  const data = rows.map((c) => ({
    value: String(c.company_id),
    label: c.company_name ?? `#${c.company_id}`,
  }));
  if (selectedId && !data.some((d) => d.value === props.value))
    data.unshift({ value: String(selectedId), label: selectedName || `#${selectedId}` });
  return (
    <Select
      searchable
      clearable
      placeholder={t('pick')}
      nothingFoundMessage={list.isFetching ? undefined : t('nothingFound')}
      {...props}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      // the API already matched, ignoring accents ("acme" finds "Acmé"); the client filter would not
      filter={({ options }) => options}
    />
  );
}
