import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { moneyLocale } from '../../../shared/money-input.js';
import { useMe, useSave } from '../api/queries.js';
import type { Task } from '../api/types.js';
import { canCreate, canReassign } from '../auth/permissions.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { UserSelect } from '../components/UserSelect.js';
import { CustomFieldsGroup } from '../fields/CustomFieldsGroup.js';
import { type CfFormValues, cfBody, cfProblems, recordCf, useCustomFields } from '../fields/customFields.js';
import { DueDateField, type DueValue } from './due/DueDateField.js';
import { dueBody, dueOfTask } from './due/due.js';

export interface TaskFormProps {
  opportunityId?: number;
  contactId?: number;
  companyId?: number;
  /** called after a successful save (close a modal, …) */
  onDone?: () => void;
  /** edit this task instead of creating one */
  task?: Task;
}

/** Creates a task (about an opportunity, a contact or a company when given) or edits one. */
export function TaskForm({ opportunityId, contactId, companyId, onDone, task }: TaskFormProps) {
  const { t, i18n } = useTranslation('tasks');
  const me = useMe().data;
  const save = useSave<Task>('tasks');
  const cf = useCustomFields('tasks').data ?? [];
  const locale = moneyLocale(i18n.language);
  const form = useForm({
    initialValues: {
      title: task?.title ?? '',
      due: { ...dueOfTask(task ?? { due_at: null, due_date: null }), invalid: false } as DueValue,
      assignee_id: task ? (task.assignee_id?.toString() ?? null) : (me?.user_id.toString() ?? null),
      /** filled once the definitions are read (CustomFieldsGroup) */
      custom_fields: {} as CfFormValues,
    },
    validate: (v) => {
      const errors: Record<string, string | null> = {
        title: v.title.trim() ? null : t('titleRequired'),
        due: v.due.invalid ? t('dueInvalid') : null,
        ...cfProblems(cf, v.custom_fields, locale),
      };
      return Object.fromEntries(Object.entries(errors).filter(([, e]) => e));
    },
  });
  if (!canCreate(me)) return null;
  // anyone who creates tasks may give one to a colleague; on an existing task the server's rule is mirrored
  const mayAssign = task ? canReassign(me, 'tasks', task) : true;

  const submit = form.onSubmit(async (values) => {
    const body: Record<string, unknown> = {
      title: values.title.trim(),
      ...dueBody(values.due),
      assignee_id: values.assignee_id ? Number(values.assignee_id) : null,
    };
    const custom_fields = cfBody(cf, values.custom_fields, task && recordCf(task), locale);
    if (custom_fields) body.custom_fields = custom_fields;
    if (!task) {
      if (opportunityId !== undefined) body.opportunity_id = opportunityId;
      if (contactId !== undefined) body.contact_id = contactId;
      if (companyId !== undefined) body.company_id = companyId;
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
        <DueDateField
          value={form.values.due}
          onChange={(v) => form.setFieldValue('due', v)}
          error={form.errors.due as string | undefined}
        />
        <UserSelect
          label={t('assignee')}
          disabled={!mayAssign}
          description={mayAssign ? undefined : t('assigneeSelfOnly')}
          {...form.getInputProps('assignee_id')}
        />
        <CustomFieldsGroup fields={cf} form={form} record={task && recordCf(task)} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {task ? t('save') : t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
