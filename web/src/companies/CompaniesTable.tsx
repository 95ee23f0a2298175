import { Anchor, Checkbox, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Company } from '../api/types.js';
import { useUserName } from '../components/UserSelect.js';
import { SortableTh } from '../contacts/list/ListControls.js';
import { date } from '../lib/format.js';
import { websiteHref } from './CompanyForm.js';

/** The companies list; on a phone it scrolls sideways inside its own box, never the whole page. */
export function CompaniesTable({
  rows,
  sort,
  onSort,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: Company[];
  sort: string;
  onSort: (sort: string) => void;
  selected: Map<number, Company>;
  onToggle: (row: Company, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
}) {
  const { t } = useTranslation('companies');
  const { t: tl } = useTranslation('contacts');
  const userName = useUserName();
  const ticked = rows.filter((r) => selected.has(r.company_id)).length;
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label={tl('listSelectAll')}
                checked={ticked > 0 && ticked === rows.length}
                indeterminate={ticked > 0 && ticked < rows.length}
                onChange={(e) => onToggleAll(e.currentTarget.checked)}
              />
            </Table.Th>
            <SortableTh label={t('name')} field="company_name" sort={sort} onSort={onSort} />
            <SortableTh label={t('industry')} field="industry" sort={sort} onSort={onSort} />
            <Table.Th>{t('website')}</Table.Th>
            <Table.Th>{t('owner')}</Table.Th>
            <SortableTh label={t('createdAt')} field="created_at" sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => {
            const name = c.company_name ?? `#${c.company_id}`;
            const href = c.website ? websiteHref(c.website) : null;
            return (
              <Table.Tr
                key={c.company_id}
                bg={selected.has(c.company_id) ? 'var(--mantine-primary-color-light)' : undefined}
              >
                <Table.Td>
                  <Checkbox
                    aria-label={tl('listSelectRow', { name })}
                    checked={selected.has(c.company_id)}
                    onChange={(e) => onToggle(c, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/companies/${c.company_id}`} size="sm" fw={600}>
                    {name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.industry ?? '—'}</Table.Td>
                <Table.Td>
                  {href ? (
                    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
                      {c.website}
                    </Anchor>
                  ) : (
                    (c.website ?? '—')
                  )}
                </Table.Td>
                <Table.Td>{userName(c.owner_id)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(c.created_at)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
