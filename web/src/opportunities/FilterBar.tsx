import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/queries.js';
import { CompanySelect } from '../companies/CompanySelect.js';
import { useOpportunityParams } from './filters.js';
import { useStages } from './queries.js';

/** Search, owner ("me" included) and company for both views; the table also filters by stage. */
export function FilterBar() {
  const { t } = useTranslation('opportunities');
  const { filters, view, stage, update } = useOpportunityParams();
  const users = useUsers();
  const stages = useStages();
  const [text, setText] = useState(filters.q ?? '');
  const pushSearch = useDebouncedCallback((q: string) => update({ q: q.trim() }), 300);
  const owners = [
    { value: 'me', label: t('mine') },
    ...(users.data?.data ?? []).map((u) => ({ value: String(u.user_id), label: u.name ?? u.email })),
  ];
  const w = { base: '100%', xs: 200 };
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap" role="search" aria-label={t('filters')}>
      <TextInput
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
      {view === 'table' && (
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
    </Group>
  );
}
