import { Button, Group, Stack, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useSave } from '../api/queries.js';
import type { Task } from '../api/types.js';
import { canCreate, canReassign } from '../auth/permissions.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { UserSelect } from '../components/UserSelect.js';

// DateTimePicker works with local wall-clock strings; the API wants an instant with its offset.
const PICKER = 'YYYY-MM-DD HH:mm:ss';
const toPicker = (iso: string | null) => (iso ? dayjs(iso).format(PICKER) : null);
const toApi = (local: string | null) => (local ? dayjs(local).toISOString() : null);
const at = (days: number, hour: number) =>
  dayjs().add(days, 'day').hour(hour).minute(0).second(0).format(PICKER);

export interface TaskFormProps {
  opportunityId?: number;
  contactId?: number;
  /** called after a successful save (close a modal, …) */
  onDone?: () => void;
  /** edit this task instead of creating one */
  task?: Task;
}

/** Creates a task (for an opportunity or a contact when given) or edits one. */
export function TaskForm({ opportunityId, contactId, onDone, task }: TaskFormProps) {
  const { t } = useTranslation('tasks');
  const me = useMe().data;
  const save = useSave<Task>('tasks');
  const dueId = useId();
  const form = useForm({
    initialValues: {
      title: task?.title ?? '',
      due_at: toPicker(task?.due_at ?? null),
      assignee_id: task ? (task.assignee_id?.toString() ?? null) : (me?.user_id.toString() ?? null),
    },
    validate: { title: (v) => (v.trim() ? null : t('titleRequired')) },
  });
  if (!canCreate(me)) return null;
  // a sales rep creates tasks for themselves; on an existing task the server's rule is mirrored
  const mayAssign = task ? canReassign(me, 'tasks', task) : me?.role !== 'sales';

  const submit = form.onSubmit(async (values) => {
    const body: Record<string, unknown> = {
      title: values.title.trim(),
      due_at: toApi(values.due_at),
      assignee_id: values.assignee_id ? Number(values.assignee_id) : null,
    };
    if (!task) {
      if (opportunityId !== undefined) body.opportunity_id = opportunityId;
      if (contactId !== undefined) body.contact_id = contactId;
    }
    try {
      await save.mutateAsync({ id: task?.task_id, values: body });
      notifySaved(task ? undefined : t('created'));
      if (!task) form.reset();
      onDone?.();
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('taskTitle')}
          placeholder={t('taskTitlePlaceholder')}
          required
          maxLength={200}
          {...form.getInputProps('title')}
        />
        <DateTimePicker
          label={t('dueAt')}
          placeholder={t('dueAtPlaceholder')}
          clearable
          valueFormat="DD/MM/YYYY HH:mm"
          // one id for the field and the popover: otherwise the dropdown (a dialog) is labelled by an
          // id that no element has, and has no accessible name
          id={dueId}
          popoverProps={{ id: dueId }}
          // the neighbouring months' days are too pale, and weekends too light a red, to read
          // (axe: color-contrast)
          hideOutsideDates
          weekendDays={[]}
          presets={[
            { value: at(0, 18), label: t('presetToday') },
            { value: at(1, 9), label: t('presetTomorrow') },
            { value: at(7, 9), label: t('presetNextWeek') },
          ]}
          // the picker's own controls are unlabelled by default
          ariaLabels={{
            previousMonth: t('previousMonth'),
            nextMonth: t('nextMonth'),
            monthLevelControl: t('chooseMonth'),
            previousYear: t('previousYear'),
            nextYear: t('nextYear'),
            yearLevelControl: t('chooseYear'),
            previousDecade: t('previousDecade'),
            nextDecade: t('nextDecade'),
          }}
          timePickerProps={{ hoursInputLabel: t('hours'), minutesInputLabel: t('minutes') }}
          submitButtonProps={{ 'aria-label': t('dueAtConfirm') }}
          clearButtonProps={{ 'aria-label': t('clear', { ns: 'common' }) }}
          {...form.getInputProps('due_at')}
        />
        <UserSelect
          label={t('assignee')}
          disabled={!mayAssign}
          description={mayAssign ? undefined : t('assigneeSelfOnly')}
          {...form.getInputProps('assignee_id')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {task ? t('save') : t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
