import { Alert, Button, CopyButton, Group, Modal, Stack, Textarea } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

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
          <Group align="flex-end" wrap="nowrap" gap="xs">
            <Textarea
              label={t('linkValue')}
              rows={3}
              value={shown.link}
              readOnly
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'monospace', wordBreak: 'break-all' } }}
              data-autofocus
            />
            <CopyButton value={shown.link}>
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
            <Button onClick={onClose}>{t('linkDone')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
