import { ActionIcon, Button, Group, NumberInput, Paper, Select, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import type { PipelineStage } from '../api/types.js';
import { applyFieldErrors, notifyError } from '../components/feedback.js';

export const KINDS = ['open', 'won', 'lost'] as const;

/** Puts the API's known stage errors next to their field, in the user's language. */
export function stageErrors(
  e: unknown,
  setErrors: (errors: Record<string, string>) => void,
  t: (k: string) => string,
) {
  if (e instanceof ApiError && e.problem.type.endsWith('/duplicate'))
    return setErrors({ name: t('stageNameTaken') });
  if (e instanceof ApiError && e.fieldErrors.kind) return setErrors({ kind: t('stageLastOpen') });
  if (!applyFieldErrors(e, setErrors)) notifyError(e);
}

interface Props {
  stage: PipelineStage;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (direction: -1 | 1) => void;
  onSave: (changes: Partial<PipelineStage>) => Promise<unknown>;
  onDelete: () => void;
}

/** One stage, edited in place: name, probability and kind are saved together; arrows reorder. */
export function StageRow({ stage, first, last, busy, onMove, onSave, onDelete }: Props) {
  const { t } = useTranslation('settings');
  const form = useForm({
    initialValues: {
      name: stage.name,
      probability: stage.probability as number | string,
      kind: stage.kind as string,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('required')),
      probability: (v) => (typeof v === 'number' && v >= 0 && v <= 100 ? null : t('probabilityRange')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    const changes: Partial<PipelineStage> = {};
    if (v.name.trim() !== stage.name) changes.name = v.name.trim();
    if (v.probability !== stage.probability) changes.probability = Number(v.probability);
    if (v.kind !== stage.kind) changes.kind = v.kind as PipelineStage['kind'];
    try {
      await onSave(changes);
      // what was saved (the name trimmed) is the new baseline: the row no longer looks unsaved
      const saved = { name: v.name.trim(), probability: v.probability, kind: v.kind };
      form.setValues(saved);
      form.resetDirty(saved);
    } catch (e) {
      stageErrors(e, form.setErrors, t);
    }
  });
  const label = t('stageRow', { position: stage.position, name: stage.name });

  return (
    <Paper withBorder p="sm" component="li">
      <form onSubmit={submit} noValidate aria-label={label}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('stageName')}
            required
            maxLength={50}
            style={{ flex: '1 1 180px' }}
            {...form.getInputProps('name')}
          />
          <NumberInput
            label={t('probability')}
            min={0}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            w={130}
            {...form.getInputProps('probability')}
          />
          <Select
            label={t('kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
            allowDeselect={false}
            w={130}
            {...form.getInputProps('kind')}
          />
          <Group gap={4} wrap="nowrap">
            <Button
              type="submit"
              // filled once there is something to save: a visible cue, and light indigo fails contrast
              variant={form.isDirty() ? 'filled' : 'default'}
              disabled={!form.isDirty()}
              loading={form.submitting}
              aria-label={t('saveStage', { name: stage.name })}
            >
              {t('save', { ns: 'common' })}
            </Button>
            <Tooltip label={t('moveUp', { name: stage.name })}>
              <ActionIcon
                variant="subtle"
                size="lg"
                disabled={first || busy}
                onClick={() => onMove(-1)}
                aria-label={t('moveUp', { name: stage.name })}
              >
                <IconArrowUp size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('moveDown', { name: stage.name })}>
              <ActionIcon
                variant="subtle"
                size="lg"
                disabled={last || busy}
                onClick={() => onMove(1)}
                aria-label={t('moveDown', { name: stage.name })}
              >
                <IconArrowDown size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('deleteStage', { name: stage.name })}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={onDelete}
                aria-label={t('deleteStage', { name: stage.name })}
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
