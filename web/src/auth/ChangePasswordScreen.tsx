import { Alert, Button, Center, Group, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { PasswordForm } from '../settings/ProfileSection.js';

/**
 * All a user sees while the password an administrator typed is theirs (the API refuses the rest
 * with password_change_required): once they choose their own, /auth/me says so and the app opens.
 */
export function ChangePasswordScreen() {
  const { t } = useTranslation('auth');
  const qc = useQueryClient();
  const signOut = async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    qc.setQueryData(['me'], null);
  };
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p={{ base: 'md', xs: 'xl' }} radius="md" w="100%" maw={480}>
        <Stack>
          <Title order={1} size="h3">
            {t('mustChangeTitle')}
          </Title>
          <Alert color="blue">{t('mustChangeIntro')}</Alert>
          <PasswordForm />
          <Group justify="flex-start">
            <Button variant="subtle" onClick={signOut}>
              {t('signOut')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
