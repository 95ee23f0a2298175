import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTag, IconTagOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkTagsResult } from '../../../shared/tags.js';
import { api } from '../api/client.js';
import { notifyError } from '../components/feedback.js';
import { TAGS_KEY } from './api.js';
import { NS } from './strings.js';
import { TagsField } from './TagsField.js';

type Mode = 'add' | 'remove';

/**
 * "Ajouter une étiquette / Retirer une étiquette" for a list's ticked rows: one bulk request
 * (POST /{resource}/bulk-tags), each record by the rules of its own update; the records refused
 * (another salesperson's) are named in the notice.
 */
export function BulkTagsButtons({
  resource,
  ids,
  labelOf,
  disabled,
  onDone,
}: {
  resource: 'contacts' | 'companies' | 'opportunities';
  ids: number[];
  labelOf: (id: number) => string;
  disabled: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const [mode, setMode] = useState<Mode | null>(null);
  const [names, setNames] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    if (!mode || names.length === 0) return;
    setBusy(true);
    try {
      const res = await api<BulkTagsResult>('POST', `/${resource}/bulk-tags`, { ids, [mode]: names });
      const changed = res.updated.length + res.unchanged.length;
      notifications.show({
        color: res.failed.length > 0 ? 'orange' : 'green',
        autoClose: res.failed.length > 0 ? false : undefined,
        message:
          res.failed.length > 0
            ? t('bulkFailed', {
                failed: res.failed.length,
                list: res.failed.map((f) => `${labelOf(f.id)} (${f.detail})`).join(', '),
              })
            : t('bulkDone', { count: changed }),
      });
      setMode(null);
      setNames([]);
      onDone();
      await Promise.all([
        qc.invalidateQueries({ queryKey: [resource] }),
        qc.invalidateQueries({ queryKey: TAGS_KEY }),
      ]);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconTag size={16} aria-hidden />}
        onClick={() => setMode('add')}
        disabled={disabled}
      >
        {t('bulkAdd')}
      </Button>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconTagOff size={16} aria-hidden />}
        onClick={() => setMode('remove')}
        disabled={disabled}
      >
        {t('bulkRemove')}
      </Button>
      <Modal
        opened={mode !== null}
        onClose={() => setMode(null)}
        title={t(mode === 'remove' ? 'bulkRemoveTitle' : 'bulkAddTitle', { count: ids.length })}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          <Stack>
            <TagsField label={t('bulkNames')} value={names} onChange={setNames} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setMode(null)}>
                {tc('cancel')}
              </Button>
              <Button type="submit" disabled={names.length === 0} loading={busy}>
                {t('apply')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
