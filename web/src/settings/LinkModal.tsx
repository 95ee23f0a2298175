import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SecretField } from './SecretField.js';

export interface ShownLink {
  purpose: 'invite' | 'reset';
  email: string;
  link: string;
}

/**
 * An invitation or reset link for the admin to pass on, when no mail server sends it. Shown once
 * (the server keeps only its hash), so it does not close on a click outside or Escape.
 */
export function LinkModal({ shown, onClose }: { shown: ShownLink | null; onClose: () => void }) {
  const { t } = useTranslation('settings');
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      title={shown?.purpose === 'reset' ? t('resetLinkTitle') : t('inviteLinkTitle')}
      closeOnClickOutside={false}
      closeOnEscape={false}
      size="lg"
      closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
    >
      {shown && (
        <Stack gap="md">
          <Alert color="blue">{t('linkIntro', { email: shown.email })}</Alert>
          <SecretField label={t('linkValue')} rows={3} value={shown.link} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('linkDone')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
