import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useList } from '../api/queries.js';
import type { Contact } from '../api/types.js';
import { ErrorState, Loading } from '../components/states.js';
import { personName } from '../lib/format.js';

/** The people at a company, a page at a time (a large account may have thousands). */
export function CompanyContacts({ companyId }: { companyId: number }) {
  const { t } = useTranslation('companies');
  const { t: tc } = useTranslation();
  // the filtered list rather than /companies/{id}/contacts: it shares the 'contacts' cache key,
  // so a contact added or edited here shows at once
  const list = useList<Contact>('contacts', { company_id: companyId, limit: 20 });
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('noContacts')}
      </Text>
    );
  return (
    <Stack gap="xs">
      {rows.map((c) => (
        <Group key={c.contact_id} justify="space-between" wrap="wrap" gap="xs">
          <Anchor component={Link} to={`/contacts/${c.contact_id}`} size="sm" fw={600}>
            {personName(c)}
          </Anchor>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[c.email, c.phone].filter(Boolean).join(' · ')}
          </Text>
        </Group>
      ))}
      {list.hasNextPage && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {tc('loadMore')}
        </Button>
      )}
    </Stack>
  );
}
