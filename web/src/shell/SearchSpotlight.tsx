import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { IconBriefcase, IconBuilding, IconSearch, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, query } from '../api/client.js';
import type { Company, Contact, Opportunity, Page } from '../api/types.js';
import { money, personName } from '../lib/format.js';

/** Ctrl/Cmd-K: one search across contacts, companies and opportunities (accents and case ignored by the API). */
export function SearchSpotlight() {
  const { t } = useTranslation('shell');
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const results = useQuery({
    queryKey: ['search', q],
    enabled: q.length > 0,
    queryFn: async ({ signal }) => {
      const get = <T,>(r: string) =>
        api<Page<T>>('GET', `/${r}${query({ q, limit: 5 })}`, undefined, { signal });
      const [contacts, companies, opportunities] = await Promise.all([
        get<Contact>('contacts'),
        get<Company>('companies'),
        get<Opportunity>('opportunities'),
      ]);
      return { contacts: contacts.data, companies: companies.data, opportunities: opportunities.data };
    },
  });

  const actions: SpotlightActionData[] = results.data
    ? [
        ...results.data.contacts.map((c) => ({
          id: `contact-${c.contact_id}`,
          label: personName(c),
          description: c.email ?? undefined,
          leftSection: <IconUser size={18} aria-hidden />,
          onClick: () => navigate(`/contacts/${c.contact_id}`),
        })),
        ...results.data.companies.map((c) => ({
          id: `company-${c.company_id}`,
          label: c.company_name ?? '—',
          description: c.industry ?? undefined,
          leftSection: <IconBuilding size={18} aria-hidden />,
          onClick: () => navigate(`/companies/${c.company_id}`),
        })),
        ...results.data.opportunities.map((o) => ({
          id: `opportunity-${o.opportunity_id}`,
          label: o.opportunity_name ?? '—',
          description: `${o.stage ?? ''} · ${money(o.deal_value)}`,
          leftSection: <IconBriefcase size={18} aria-hidden />,
          onClick: () => navigate(`/opportunities/${o.opportunity_id}`),
        })),
      ]
    : [];

  return (
    <Spotlight
      actions={actions}
      query={text}
      onQueryChange={setText}
      // the API already filtered (ignoring accents); the client filter would drop "helene" ≠ "Hélène"
      filter={(_, a) => a}
      shortcut={['mod + K']}
      nothingFound={q ? t('searchNothing') : undefined}
      searchProps={{
        leftSection: <IconSearch size={18} />,
        placeholder: t('searchPlaceholder'),
        'aria-label': t('searchPlaceholder'),
      }}
      highlightQuery={false}
      // the dialog needs an accessible name (axe: aria-dialog-name)
      title={t('searchPlaceholder')}
      limit={15}
    />
  );
}
