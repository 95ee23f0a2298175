import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useList } from '../api/queries.js';
import type { Contact } from '../api/types.js';
import { personName } from '../lib/format.js';
import { RelatedList } from '../records/RelatedList.js';

/** The people at a company, a page at a time. */
export function CompanyContacts({ companyId }: { companyId: number }) {
  const { t } = useTranslation('companies');
  // the filtered list rather than /companies/{id}/contacts: it shares the 'contacts' cache key,
  // so a contact added or edited here shows at once
  const list = useList<Contact>('contacts', { company_id: companyId, limit: 20 });
  return (
    <RelatedList list={list} empty={t('noContacts')} rowKey={(c) => c.contact_id}>
      {(c) => (
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Anchor component={Link} to={`/contacts/${c.contact_id}`} size="sm" fw={600}>
            {personName(c)}
          </Anchor>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[c.email, c.phone].filter(Boolean).join(' · ')}
          </Text>
        </Group>
      )}
    </RelatedList>
  );
}
