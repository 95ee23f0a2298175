import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SecretField } from './SecretField.js';

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
          <SecretField label={t('tokenValue', { name: token.name })} rows={2} value={token.token} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('tokenDone')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
