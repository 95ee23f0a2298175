import { Alert, Button, CopyButton, Group, Modal, Stack, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface CreatedToken {
  token_id: number;
  name: string;
  token: string;
  created_at: string;
}

/**
 * Shows a new token's secret, the only time it is ever available (the server keeps a hash).
 * It does not close on a click outside or Escape: losing the secret by accident means a new token.
 */
export function TokenCreatedModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useTranslation('settings');
  return (
    <Modal
      opened={token !== null}
      onClose={onClose}
      title={t('tokenCreatedTitle')}
      closeOnClickOutside={false}
      closeOnEscape={false}
      size="lg"
      closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
    >
      {token && (
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            {t('tokenOnce')}
          </Alert>
          <Group align="flex-end" wrap="nowrap" gap="xs">
            {/* a textarea: the long secret wraps, and its underscores are not clipped as in a one-line input */}
            <Textarea
              label={t('tokenValue', { name: token.name })}
              rows={2}
              value={token.token}
              readOnly
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'monospace', wordBreak: 'break-all' } }}
              data-autofocus
            />
            <CopyButton value={token.token}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'filled' : 'default'}
                  color={copied ? 'teal.8' : undefined}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                  onClick={copy}
                  aria-live="polite"
                >
                  {copied ? t('copied') : t('copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('tokenDone')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
