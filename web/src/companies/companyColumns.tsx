import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Company } from '../api/types.js';
import { useUserName } from '../components/UserSelect.js';
import { declaredColumns } from '../fields/declaredColumns.js';
import type { Column } from '../records/columns.js';
import { createdColumn, nameColumn, ownerColumn } from '../records/standardColumns.js';
import { NS as TAGS } from '../tags/strings.js';
import { tagsCardField, tagsColumn } from '../tags/tagsColumn.js';
import { COMPANY_LAYOUT, websiteHref } from './CompanyForm.js';

/** the form's other fields, offered by the column chooser (hidden until picked) */
const MORE = COMPANY_LAYOUT.filter((f) => !['company_name', 'industry', 'website'].includes(f));

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
  const { t: tt } = useTranslation(TAGS);
  const userName = useUserName();
  const columns: Column<Company>[] = [
    nameColumn(t('name'), 'company_name', companyLabel, companyPath),
    { key: 'industry', label: t('industry'), sort: 'industry', cell: (c) => c.industry ?? '—' },
    { key: 'website', label: t('website'), cell: (c) => (c.website ? <Website company={c} /> : '—') },
    ownerColumn(t('owner'), userName),
    tagsColumn<Company>(tt('label')),
    createdColumn(t('createdAt')),
    ...declaredColumns<Company>('companies', MORE),
  ];
  /** A card: its industry and website. */
  const card = (c: Company) => ({
    title: companyLabel(c),
    to: companyPath(c),
    fields: [
      { label: t('industry'), value: c.industry },
      { label: t('website'), value: c.website && <Website company={c} /> },
      tagsCardField(tt('label'), c.tags),
    ],
  });
  return { columns, card };
}
