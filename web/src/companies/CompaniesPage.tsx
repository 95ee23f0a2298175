import { Autocomplete } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Company } from '../api/types.js';
import { useUserName } from '../components/UserSelect.js';
import { OwnerFilter } from '../records/ListControls.js';
import { ListPage } from '../records/ListPage.js';
import { CompanyFormModal } from './CompanyForm.js';
import { companyLabel, useCompanyList } from './companyColumns.js';

const FILTERS = ['owner_id', 'industry'] as const;
const idOf = (c: Company) => c.company_id;

export default function CompaniesPage() {
  const { t } = useTranslation('companies');
  const navigate = useNavigate();
  const userName = useUserName();
  const { columns, card } = useCompanyList();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <ListPage
        resource="companies"
        title={t('title')}
        newLabel={t('newCompany')}
        onNew={() => setCreating(true)}
        filterKeys={FILTERS}
        defaultSort="company_name"
        idOf={idOf}
        labelOf={companyLabel}
        columns={columns}
        card={card}
        search={{ label: t('searchLabel'), placeholder: t('searchPlaceholder') }}
        empty={{ all: t('empty'), filtered: t('emptyFiltered') }}
        filters={(params, set, rows) => (
          <>
            <OwnerFilter value={params.owner_id} onChange={(v) => set({ owner_id: v })} />
            <IndustryFilter value={params.industry} onChange={(industry) => set({ industry })} seen={rows} />
          </>
        )}
        csv={{
          file: t('csvFile'),
          columns: ['company_id', 'company_name', 'industry', 'website', 'owner', 'created_at'],
          rows: async (rows) =>
            rows.map((c) => [
              c.company_id,
              c.company_name,
              c.industry,
              c.website,
              c.owner_id == null ? null : userName(c.owner_id),
              c.created_at,
            ]),
        }}
      />
      <CompanyFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/companies/${c.company_id}`)}
      />
    </>
  );
}

/**
 * The industry is an exact filter in the API, so the box suggests the industries already seen in
 * the list (there is no list of industries to fetch); any text can still be typed.
 */
function IndustryFilter({
  value,
  onChange,
  seen,
}: {
  value: string;
  onChange: (v: string) => void;
  seen: Company[];
}) {
  const { t } = useTranslation('companies');
  const [text, setText] = useState(value);
  const [known, setKnown] = useState<string[]>([]);
  const commit = useDebouncedCallback((v: string) => onChange(v.trim()), {
    delay: 400,
    // the phone's filters drawer may close (unmounting this box) before the delay ends
    flushOnUnmount: true,
  });
  const industries = seen.flatMap((c) => (c.industry ? [c.industry] : []));
  const fresh = industries.some((i) => !known.includes(i));
  useEffect(() => {
    if (fresh) setKnown((k) => [...new Set([...k, ...industries])].sort((a, b) => a.localeCompare(b)));
  }, [fresh, industries]);
  return (
    <Autocomplete
      label={t('industryFilter')}
      placeholder={t('anyIndustry')}
      data={known}
      value={text}
      onChange={(v) => {
        setText(v);
        commit(v);
      }}
      // a suggestion picked applies at once ("Voir les résultats" may come right after)
      onOptionSubmit={(v) => onChange(v.trim())}
      clearable
      w={{ base: '100%', sm: 200 }}
    />
  );
}
