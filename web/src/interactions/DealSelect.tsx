import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useList, useRecord } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  /** whose deals are offered */
  contactId: number | null;
  value?: string | null;
  onChange: (value: string | null) => void;
};

/**
 * The deal an interaction is about: one of the contact's deals, or none. A deal of another contact
 * that is already linked (the API allows it) stays offered under its own name.
 */
export function DealSelect({ contactId, value, onChange, ...props }: Props) {
  const { t } = useTranslation('interactions');
  const deals = useList<Opportunity>(
    'opportunities',
    { contact_id: contactId ?? undefined, sort: '-updated_at', limit: 200 },
    { enabled: contactId !== null },
  );
  const linked = useRecord<Opportunity>('opportunities', value ?? undefined);
  const options = new Map<string, string>();
  for (const o of deals.data?.pages.flatMap((p) => p.data) ?? [])
    options.set(String(o.opportunity_id), o.opportunity_name ?? `#${o.opportunity_id}`);
  if (value && !options.has(value)) options.set(value, linked.data?.opportunity_name ?? `#${value}`);
  return (
    <Select
      label={t('dealLabel')}
      placeholder={t('noDeal')}
      clearable
      value={value ?? null}
      onChange={onChange}
      data={[...options].map(([v, label]) => ({ value: v, label }))}
      nothingFoundMessage={t('noDealFound')}
      {...props}
    />
  );
}
