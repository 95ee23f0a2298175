import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../api/queries.js';
import type { User } from '../api/types.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loading } from '../components/states.js';

/**
 * A page only some roles may use: the others get a page saying so, not a form whose every action
 * would be refused (the server still decides; this only spares the user the attempt).
 */
export function Allowed({
  when,
  reason,
  children,
}: {
  when: (me: User | null | undefined) => boolean;
  /** why not, in the user's language: what the role allows instead, whom to ask */
  reason: string;
  children: React.ReactNode;
}) {
  const me = useMe();
  if (me.isLoading) return <Loading />;
  if (when(me.data)) return children;
  return <NotAllowed reason={reason} />;
}

export function NotAllowed({ reason }: { reason: string }) {
  const { t } = useTranslation('shell');
  return (
    <>
      <PageHeader title={t('notAllowedTitle')} />
      <Stack gap="md" maw={640}>
        <Alert color="orange" icon={<IconLock size={18} aria-hidden />}>
          <Text size="sm">{reason}</Text>
        </Alert>
        <Anchor component={Link} to="/">
          {t('notAllowedBack')}
        </Anchor>
      </Stack>
    </>
  );
}
