import { Button, Group, List, Modal, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconTrash, IconUserShare, IconX } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../components/UserSelect.js';
import i18n from '../i18n/index.js';
import type { BulkFailure } from './bulk.js';
import { NS } from './strings.js';

const NOBODY = 'nobody';

/** What can be done with the ticked rows: hand them to an owner, tag them, export them, delete them. */
export function BulkBar({
  count,
  canWrite,
  busy,
  onAssign,
  onDelete,
  onExport,
  onClear,
  tags,
}: {
  count: number;
  /** the add/remove tag buttons (web/src/tags/BulkTagsButtons.tsx), for writers */
  tags?: ReactNode;
  /** viewers may export but not change anything */
  canWrite: boolean;
  /** progress text while a bulk action runs */
  busy: string | null;
  onAssign: (ownerId: number | null) => void;
  /** opens the delete confirmation (DeleteDialog), which asks about what is attached; absent where a list has no bulk delete */
  onDelete?: () => void;
  /** absent where the list's export menu is the way out (the deals' table) */
  onExport?: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const [assigning, setAssigning] = useState(false);
  const [owner, setOwner] = useState<string | null>(null);
  if (count === 0) return null;
  return (
    <Paper withBorder p="xs" mb="sm" role="region" aria-label={t('bulkSelected', { count })}>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="sm" fw={600} aria-live="polite">
          {busy ?? t('bulkSelected', { count })}
        </Text>
        <Group gap="xs" wrap="wrap">
          {canWrite && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconUserShare size={16} aria-hidden />}
              onClick={() => setAssigning(true)}
              disabled={!!busy}
            >
              {t('bulkAssign')}
            </Button>
          )}
          {canWrite && tags}
          {onExport && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={onExport}
              disabled={!!busy}
            >
              {t('bulkExport')}
            </Button>
          )}
          {canWrite && onDelete && (
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={onDelete}
              disabled={!!busy}
            >
              {t('bulkDelete')}
            </Button>
          )}
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={onClear}
            disabled={!!busy}
          >
            {t('bulkClear')}
          </Button>
        </Group>
      </Group>
      <Modal opened={assigning} onClose={() => setAssigning(false)} title={t('bulkAssignTitle', { count })}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!owner) return;
            setAssigning(false);
            onAssign(owner === NOBODY ? null : Number(owner));
          }}
        >
          <Stack>
            <OwnerChoice value={owner} onChange={setOwner} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAssigning(false)}>
                {tc('cancel')}
              </Button>
              <Button type="submit" disabled={!owner}>
                {t('bulkApply')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}

function OwnerChoice({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useTranslation(NS);
  // "nobody" is a choice of its own: clearing the select means "not chosen yet"
  return (
    <Stack gap="xs">
      <UserSelect label={t('bulkAssignTo')} value={value === NOBODY ? null : value} onChange={onChange} />
      <Button
        variant={value === NOBODY ? 'light' : 'subtle'}
        size="xs"
        onClick={() => onChange(NOBODY)}
        aria-pressed={value === NOBODY}
      >
        {t('bulkNobody')}
      </Button>
    </Stack>
  );
}

/**
 * Tells how a bulk action went: a short notice when every row went through, otherwise a dialog
 * listing each row that failed and why (not allowed, still referenced…), which stays until read.
 */
export function reportBulk(
  doneKey: 'bulkAssigned' | 'bulkDeleted',
  result: { ok: number; failures: BulkFailure[] },
) {
  const t = i18n.getFixedT(null, NS);
  if (result.failures.length === 0) {
    notifications.show({ color: 'green', message: t(doneKey, { count: result.ok }) });
    return;
  }
  modals.open({
    title: t('bulkFailedTitle'),
    children: (
      <Stack>
        <Text size="sm">{t('bulkFailedIntro', { ok: result.ok, failed: result.failures.length })}</Text>
        <List size="sm" spacing="xs">
          {result.failures.map((f, i) => (
            // the same record name may appear twice; the position keeps keys apart
            // biome-ignore lint/suspicious/noArrayIndexKey: a static list that is never reordered
            <List.Item key={i}>
              <Text span fw={600} size="sm">
                {f.label}
              </Text>{' '}
              — {f.message}
            </List.Item>
          ))}
        </List>
        <Group justify="flex-end">
          <Button onClick={() => modals.closeAll()}>{t('bulkClose')}</Button>
        </Group>
      </Stack>
    ),
  });
}
