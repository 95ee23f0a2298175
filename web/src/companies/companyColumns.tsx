import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Company } from '../api/types.js';
import { useUserName } from '../components/UserSelect.js';
import { date } from '../lib/format.js';
import type { Column } from '../records/columns.js';
import { websiteHref } from './CompanyForm.js';

export const companyLabel = (c: Company) => c.company_name ?? `#${c.company_id}`;
const companyPath = (c: Company) => `/companies/${c.company_id}`;

/** The website as a link that opens elsewhere, or as typed when it does not read as an address. */
export function Website({ company: c }: { company: Company }) {
  const href = c.website ? websiteHref(c.website) : null;
  if (!href) return c.website;
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      {c.website}
    </Anchor>
  );
}

/** The companies list's columns (the table) and card (a phone), declared once. */
export function useCompanyList() {
  const { t } = useTranslation('companies');
  const userName = useUserName();
  const columns: Column<Company>[] = [
    {
      key: 'name',
      label: t('name'),
      sort: 'company_name',
      fixed: true,
      cell: (c) => (
        <Anchor component={Link} to={companyPath(c)} size="sm" fw={600}>
          {companyLabel(c)}
        </Anchor>
      ),
    },
    { key: 'industry', label: t('industry'), sort: 'industry', cell: (c) => c.industry ?? '—' },
    { key: 'website', label: t('website'), cell: (c) => (c.website ? <Website company={c} /> : '—') },
    { key: 'owner', label: t('owner'), cell: (c) => userName(c.owner_id) },
    {
      key: 'created_at',
      label: t('createdAt'),
      sort: 'created_at',
      nowrap: true,
      cell: (c) => date(c.created_at),
    },
  ];
  /** A card: its industry and website. */
  const card = (c: Company) => ({
    title: companyLabel(c),
    to: companyPath(c),
    fields: [
      { label: t('industry'), value: c.industry },
      { label: t('website'), value: c.website && <Website company={c} /> },
    ],
  });
  return { columns, card };
}
