import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18n from '../i18n/index.js';

/** How long a move can be undone from its notification. */
export const UNDO_MS = 8000;

let next = 0;

/** "« X » moved to « Y »" with an Undo button, for a few seconds. */
export function showUndo({ name, stage, onUndo }: { name: string; stage: string; onUndo: () => void }) {
  const id = `opportunity-move-${++next}`;
  const t = (key: string, values?: Record<string, string>) => i18n.t(key, { ns: 'opportunities', ...values });
  notifications.show({
    id,
    autoClose: UNDO_MS,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm">{t('moved', { name, stage })}</Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            onUndo();
          }}
        >
          {t('undo')}
        </Button>
      </Group>
    ),
    closeButtonProps: { 'aria-label': i18n.t('close') },
  });
}
