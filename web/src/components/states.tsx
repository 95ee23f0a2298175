import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { problemText } from '../api/errorText.js';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      {/* role img: a plain span may not carry aria-label (axe: aria-prohibited-attr) */}
      <Loader size="sm" role="img" aria-label={t('loading')} />
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('errorTitle')} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Text c="dimmed">{children ?? t('empty')}</Text>
    </Center>
  );
}

/** A sentence a user can act on, in the user's language, from whatever went wrong. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return problemText(error.problem, error.status);
  return error instanceof Error ? error.message : String(error);
}
