import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client.js';
import { useRecord } from '../api/queries.js';
import type { Contact, Page } from '../api/types.js';
import { personName } from '../lib/format.js';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value?: string | null;
  onChange: (value: string | null) => void;
  /** exact list filters the matches must also pass (`{ company_id: 7 }`) */
  where?: Record<string, string | number>;
};

/**
 * A searchable picker over a list too long to load at once (companies have their own, which can
 * also create one: companies/CompanySelect.tsx): the API's `q` search (accents and
 * case ignored) finds 20 matches at a time, and the chosen record is fetched to show its name.
 */
function AsyncRecordSelect<T>({
  resource,
  idOf,
  labelOf,
  value,
  onChange,
  where,
  ...props
}: Props & { resource: string; idOf: (r: T) => number; labelOf: (r: T) => string }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const selected = useRecord<T>(resource, value ?? undefined);
  const options = useQuery({
    queryKey: [resource, 'options', q, where],
    queryFn: ({ signal }) =>
      api<Page<T>>('GET', `/${resource}${query({ ...where, q, limit: 20 })}`, undefined, { signal }),
    staleTime: 30_000,
  });
  const data = new Map<string, string>();
  if (value && selected.data) data.set(value, labelOf(selected.data));
  for (const r of options.data?.data ?? []) data.set(String(idOf(r)), labelOf(r));
  return (
    <Select
      searchable
      clearable
      value={value ?? null}
      onChange={onChange}
      onSearchChange={setSearch}
      searchValue={search}
      // the server already matched; filtering again here would drop "helene" → "Hélène"
      filter={({ options: all }) => all}
      data={[...data].map(([v, label]) => ({ value: v, label }))}
      {...props}
    />
  );
}

export function ContactSelect(props: Props) {
  return (
    <AsyncRecordSelect<Contact>
      resource="contacts"
      idOf={(c) => c.contact_id}
      labelOf={(c) => personName(c)}
      {...props}
    />
  );
}
