import { ActionIcon, Button, Group, Paper, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import type { LostReason } from '../api/types.js';
import { applyFieldErrors, notifyError } from '../components/feedback.js';

/** Puts the API's known lost reason errors next to the label, in the user's language. */
export function reasonErrors(
  e: unknown,
  setErrors: (errors: Record<string, string>) => void,
  t: (k: string) => string,
) {
  if (e instanceof ApiError && e.problem.type.endsWith('/duplicate'))
    return setErrors({ label: t('reasonTaken') });
  if (!applyFieldErrors(e, setErrors)) notifyError(e);
}

interface Props {
  reason: LostReason;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (direction: -1 | 1) => void;
  onSave: (label: string) => Promise<unknown>;
  onDelete: () => void;
}

/** One lost reason, renamed in place; arrows reorder. */
export function LostReasonRow({ reason, first, last, busy, onMove, onSave, onDelete }: Props) {
  const { t } = useTranslation('settings');
  const form = useForm({
    initialValues: { label: reason.label },
    validate: { label: (v) => (v.trim() ? null : t('required')) },
  });
  const submit = form.onSubmit(async ({ label }) => {
    try {
      await onSave(label.trim());
      form.setValues({ label: label.trim() });
      form.resetDirty({ label: label.trim() });
    } catch (e) {
      reasonErrors(e, form.setErrors, t);
    }
  });
  const name = reason.label;

  return (
    <Paper withBorder p="sm" component="li">
      <form onSubmit={submit} noValidate aria-label={t('reasonRow', { position: reason.position, name })}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('reasonLabel')}
            required
            maxLength={100}
            style={{ flex: '1 1 220px' }}
            {...form.getInputProps('label')}
          />
          <Group gap={4} wrap="nowrap">
            <Button
              type="submit"
              variant={form.isDirty() ? 'filled' : 'default'}
              disabled={!form.isDirty()}
              loading={form.submitting}
              aria-label={t('saveReason', { name })}
            >
              {t('save', { ns: 'common' })}
            </Button>
            <Tooltip label={t('moveUp', { name })}>
              <ActionIcon
                variant="subtle"
                size="lg"
                disabled={first || busy}
                onClick={() => onMove(-1)}
                aria-label={t('moveUp', { name })}
              >
                <IconArrowUp size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('moveDown', { name })}>
              <ActionIcon
                variant="subtle"
                size="lg"
                disabled={last || busy}
                onClick={() => onMove(1)}
                aria-label={t('moveDown', { name })}
              >
                <IconArrowDown size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('deleteReason', { name })}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={onDelete}
                aria-label={t('deleteReason', { name })}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </form>
    </Paper>
  );
}
