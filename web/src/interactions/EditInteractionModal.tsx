import { Button, Divider, Group, Modal, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSave } from '../api/queries.js';
import type { Interaction } from '../api/types.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { HistoryList } from '../components/HistoryList.js';
import { DealSelect } from './DealSelect.js';
import { InteractionFields, type InteractionValues } from './InteractionFields.js';
import { isInteractionType } from './types.js';

/** Edits an interaction (type, date, notes, deal) in a dialog, with its history below; null: closed. */
export function EditInteractionModal({ item, onClose }: { item: Interaction | null; onClose: () => void }) {
  const { t } = useTranslation('interactions');
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={t('editTitle')}
      fullScreen={phone}
      size="lg"
      closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
    >
      {/* keyed so that the form starts from the interaction being edited, not the previous one */}
      {item && <EditInteractionForm key={item.interaction_id} item={item} onDone={onClose} />}
    </Modal>
  );
}

interface Values extends InteractionValues {
  opportunity_id: string | null;
}

function EditInteractionForm({ item, onDone }: { item: Interaction; onDone: () => void }) {
  const { t } = useTranslation('interactions');
  const { t: tc } = useTranslation();
  const save = useSave<Interaction>('interactions');
  const initial: Values = {
    interaction_type: isInteractionType(item.interaction_type) ? item.interaction_type : 'note',
    interaction_date: item.interaction_date
      ? dayjs(item.interaction_date).format('YYYY-MM-DD HH:mm:ss')
      : null,
    notes: item.notes ?? '',
    opportunity_id: item.opportunity_id === null ? null : String(item.opportunity_id),
  };
  const form = useForm<Values>({
    initialValues: initial,
    validate: { interaction_date: (v) => (v ? null : t('dateRequired')) },
  });

  const submit = form.onSubmit(async (v) => {
    // only what changed: the history then names just those fields, and a date shown to the minute
    // does not overwrite the stored seconds
    const values: Record<string, unknown> = {};
    if (v.interaction_type !== initial.interaction_type) values.interaction_type = v.interaction_type;
    if (v.interaction_date !== initial.interaction_date)
      values.interaction_date = dayjs(v.interaction_date).toISOString();
    const notes = v.notes.trim() || null;
    if (notes !== (item.notes ?? null)) values.notes = notes;
    if (v.opportunity_id !== initial.opportunity_id)
      values.opportunity_id = v.opportunity_id ? Number(v.opportunity_id) : null;
    if (Object.keys(values).length === 0) return onDone();
    try {
      await save.mutateAsync({ id: item.interaction_id, values });
      notifySaved(t('updated'));
      onDone();
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <InteractionFields form={form} />
          <DealSelect contactId={item.contact_id} {...form.getInputProps('opportunity_id')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {tc('save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Divider />
      <Title order={3} size="h5">
        {tc('history')}
      </Title>
      <HistoryList resource="interactions" id={item.interaction_id} />
    </Stack>
  );
}
