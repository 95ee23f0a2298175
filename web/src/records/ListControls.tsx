import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/queries.js';
import { NS } from './strings.js';

/** The list's search box: the URL (and so the query) follows the typing after a short pause. */
export function SearchBox({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: string;
  onChange: (q: string) => void;
  label: string;
  placeholder: string;
}) {
  const [text, setText] = useState(value);
  // one request per pause in typing, not one per key
  const commit = useDebouncedCallback((v: string) => onChange(v.trim()), {
    delay: 300,
    flushOnUnmount: true,
  });
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      w={{ base: '100%', sm: 280 }}
    />
  );
}

/** Owner filter: any user, or "me" (the API resolves it to whoever is signed in). */
export function OwnerFilter({ value, onChange }: { value: string; onChange: (v: string | null) => void }) {
  const { t } = useTranslation(NS);
  const users = useUsers();
  const data = [
    { value: 'me', label: t('listMe') },
    ...(users.data?.data ?? []).map((u) => ({ value: String(u.user_id), label: u.name ?? u.email })),
  ];
  return (
    <Select
      label={t('owner')}
      placeholder={t('listAnyOwner')}
      data={data}
      value={value || null}
      onChange={onChange}
      searchable
      clearable
      w={{ base: '100%', sm: 200 }}
    />
  );
}

/** Keyset paging: the next page is fetched on demand, so a million rows cost one page at a time. */
export function LoadMore({
  shown,
  hasMore,
  loading,
  onMore,
}: {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('listShown', { count: shown })}
      </Text>
      {hasMore && (
        <Button variant="light" onClick={onMore} loading={loading}>
          {tc('loadMore')}
        </Button>
      )}
    </Group>
  );
}
