import { Alert, Button, Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { notifyError, notifySaved } from '../../components/feedback.js';
import { Loading } from '../../components/states.js';
import { type CustomField, cfLabel } from '../../fields/customFields.js';
import { CF_NS } from '../../fields/customStrings.js';

/**
 * Deleting a definition drops every record's value: the server first answers how many records
 * hold one (409 `confirmation_required`), and deletes once the administrator typed the key.
 */
export function DeleteFieldDialog({
  field,
  onClose,
  onDelete,
}: {
  field: CustomField;
  onClose: () => void;
  onDelete: (field: CustomField, confirm?: string) => Promise<void>;
}) {
  const { t } = useTranslation(CF_NS);
  const { t: tc } = useTranslation();
  const [count, setCount] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const label = cfLabel(field);

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked once, when the dialog opens
  useEffect(() => {
    let live = true;
    onDelete(field).then(
      // deleted at once: the server needed no confirmation
      () => {
        notifySaved(t('deleted', { label }));
        onClose();
      },
      (e) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 409 && typeof e.problem.count === 'number')
          setCount(e.problem.count);
        else {
          notifyError(e);
          onClose();
        }
      },
    );
    return () => {
      live = false;
    };
  }, [field.field_id]);

  const confirm = async () => {
    setBusy(true);
    try {
      await onDelete(field, typed);
      notifySaved(t('deleted', { label }));
      onClose();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('deleteTitle', { label })}>
      {count === null ? (
        <Loading />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (typed === field.key) void confirm();
          }}
        >
          <Stack>
            <Alert color="red">{t('deleteCount', { count })}</Alert>
            <Text size="sm">
              {t('deleteType')} <Code>{field.key}</Code>
            </Text>
            <TextInput
              label={t('deleteKeyLabel')}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {tc('cancel')}
              </Button>
              <Button type="submit" color="red" disabled={typed !== field.key} loading={busy}>
                {tc('delete')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
