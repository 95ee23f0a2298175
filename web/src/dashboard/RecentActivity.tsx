import { Anchor, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarEvent, IconMail, IconNote, IconPhone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useRecord } from '../api/queries.js';
import type { Contact, Interaction, Page } from '../api/types.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useUserName } from '../components/useUserName.js';
import { dateTime, personName } from '../lib/format.js';

const ICONS = { email: IconMail, call: IconPhone, meeting: IconCalendarEvent, note: IconNote } as const;

function ContactLink({ id }: { id: number }) {
  const contact = useRecord<Contact>('contacts', id);
  return (
    <Anchor component={Link} to={`/contacts/${id}`} fw={500}>
      {contact.data ? personName(contact.data) : `#${id}`}
    </Anchor>
  );
}

/** The last ten interactions recorded by anyone, newest first. */
export function RecentActivity() {
  const { t } = useTranslation('dashboard');
  const userName = useUserName();
  // under "interactions" so that recording one elsewhere refreshes this list
  const recent = useQuery({
    queryKey: ['interactions', 'recent'],
    queryFn: ({ signal }) =>
      api<Page<Interaction>>('GET', '/interactions?sort=-created_at&limit=10', undefined, { signal }),
  });
  if (recent.isLoading) return <Loading />;
  if (recent.error) return <ErrorState error={recent.error} onRetry={() => recent.refetch()} />;
  const items = recent.data?.data ?? [];
  if (items.length === 0) return <Empty>{t('activityEmpty')}</Empty>;
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((i) => {
        const type = (i.interaction_type ?? 'note') as keyof typeof ICONS;
        const Icon = ICONS[type] ?? IconNote;
        return (
          <Group key={i.interaction_id} component="li" wrap="nowrap" align="flex-start" gap="sm">
            <ThemeIcon variant="light" size="md" aria-hidden>
              <Icon size={16} />
            </ThemeIcon>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm">
                {t(`type_${type}`)} · {i.contact_id ? <ContactLink id={i.contact_id} /> : '—'}
              </Text>
              {i.notes && (
                <Text size="sm" lineClamp={2}>
                  {i.notes}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {dateTime(i.interaction_date ?? i.created_at)}
                {i.user_id ? ` · ${t('activityBy', { name: userName(i.user_id) })}` : ''}
              </Text>
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}
