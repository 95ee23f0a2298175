import { Anchor, Checkbox, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../api/types.js';
import { CompanyLink } from '../companies/CompanyName.js';
import { useUserName } from '../components/UserSelect.js';
import { date, personName } from '../lib/format.js';
import { SortableTh } from './list/ListControls.js';

/** The contacts list; on a phone it scrolls sideways inside its own box, never the whole page. */
export function ContactsTable({
  rows,
  sort,
  onSort,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: Contact[];
  sort: string;
  onSort: (sort: string) => void;
  selected: Map<number, Contact>;
  onToggle: (row: Contact, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
}) {
  const { t } = useTranslation('contacts');
  const userName = useUserName();
  const ticked = rows.filter((r) => selected.has(r.contact_id)).length;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t('listSelectAll')}
                checked={ticked > 0 && ticked === rows.length}
                indeterminate={ticked > 0 && ticked < rows.length}
                onChange={(e) => onToggleAll(e.currentTarget.checked)}
              />
            </Table.Th>
            <SortableTh label={t('name')} field="last_name,first_name" sort={sort} onSort={onSort} />
            <SortableTh label={t('email')} field="email" sort={sort} onSort={onSort} />
            <Table.Th>{t('phone')}</Table.Th>
            <Table.Th>{t('company')}</Table.Th>
            <Table.Th>{t('owner')}</Table.Th>
            <SortableTh label={t('createdAt')} field="created_at" sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => {
            const name = personName(c);
            return (
              <Table.Tr
                key={c.contact_id}
                bg={selected.has(c.contact_id) ? 'var(--mantine-primary-color-light)' : undefined}
              >
                <Table.Td>
                  <Checkbox
                    aria-label={t('listSelectRow', { name })}
                    checked={selected.has(c.contact_id)}
                    onChange={(e) => onToggle(c, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${c.contact_id}`} size="sm" fw={600}>
                    {name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.email ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.phone ?? '—'}</Table.Td>
                <Table.Td>
                  <CompanyLink id={c.company_id} />
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
