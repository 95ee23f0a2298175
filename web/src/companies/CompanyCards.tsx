import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Company } from '../api/types.js';
import { CardList, RecordCard, SelectAll } from '../records/CardList.js';
import { websiteHref } from './CompanyForm.js';

/** The companies list on a phone: a card each, with its industry and website. */
export function CompanyCards({
  rows,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: Company[];
  selected: Map<number, Company>;
  onToggle: (row: Company, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
}) {
  const { t } = useTranslation('companies');
  const { t: tl } = useTranslation('contacts');
  const ticked = rows.filter((r) => selected.has(r.company_id)).length;
  return (
    <>
      <SelectAll ticked={ticked} total={rows.length} onChange={onToggleAll} />
      <CardList label={t('title')}>
        {rows.map((c) => {
          const name = c.company_name ?? `#${c.company_id}`;
          const href = c.website ? websiteHref(c.website) : null;
          return (
            <RecordCard
              key={c.company_id}
              title={name}
              to={`/companies/${c.company_id}`}
              selection={{
                selected: selected.has(c.company_id),
                onChange: (on) => onToggle(c, on),
                label: tl('listSelectRow', { name }),
              }}
              fields={[
                { label: t('industry'), value: c.industry },
                {
                  label: t('website'),
                  value: href ? (
                    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
                      {c.website}
                    </Anchor>
                  ) : (
                    c.website
                  ),
                },
              ]}
            />
          );
        })}
      </CardList>
    </>
  );
}
