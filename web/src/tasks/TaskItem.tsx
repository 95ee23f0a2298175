import { ActionIcon, Anchor, Checkbox, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe, useRecord, useRemove } from '../api/queries.js';
import type { Company, Contact, Opportunity, Task } from '../api/types.js';
import { canEdit } from '../auth/permissions.js';
import { confirmDelete, notifyError, notifySaved } from '../components/feedback.js';
import { useUserName } from '../components/useUserName.js';
import { date, dateTime, personName } from '../lib/format.js';
import { useSetTaskStatus } from './api.js';
import { isLate } from './groups.js';

type Related = 'opportunities' | 'contacts' | 'companies';
const NAMED: Record<Related, string> = {
  opportunities: 'opportunityNamed',
  contacts: 'contactNamed',
  companies: 'companyNamed',
};

/** The opportunity, contact or company a task is about, by name, as a link. */
function RelatedLink({ kind, id }: { kind: Related; id: number }) {
  const { t } = useTranslation('tasks');
  const record = useRecord<Opportunity | Contact | Company>(kind, id);
  const name =
    kind === 'opportunities'
      ? (record.data as Opportunity | undefined)?.opportunity_name
      : kind === 'companies'
        ? (record.data as Company | undefined)?.company_name
        : record.data && personName(record.data as Contact);
  return (
    <Anchor component={Link} to={`/${kind}/${id}`} size="sm">
      {t(NAMED[kind], { name: name ?? `#${id}` })}
    </Anchor>
  );
}

/** When a task is due, as the list shows it: a day (all day) or a day and time. */
export function dueText(task: Task, t: (key: string, o?: Record<string, unknown>) => string) {
  if (task.due_date) return t('dueAllDay', { date: date(task.due_date) });
  return task.due_at ? t('due', { date: dateTime(task.due_at) }) : t('noDue');
}

export interface TaskItemProps {
  task: Task;
  now: Date;
  /** hide the link to the record the list is already about */
  hideOpportunity?: boolean;
  hideContact?: boolean;
  hideCompany?: boolean;
  showAssignee?: boolean;
  onEdit?: (task: Task) => void;
}

/** One task: its title is the checkbox's label, so a single click (or Space) completes it. */
export function TaskItem({
  task,
  now,
  hideOpportunity,
  hideContact,
  hideCompany,
  showAssignee,
  onEdit,
}: TaskItemProps) {
  const { t } = useTranslation('tasks');
  const me = useMe().data;
  const setStatus = useSetTaskStatus();
  const remove = useRemove('tasks');
  const userName = useUserName();
  const editable = canEdit(me, 'tasks', task);
  const done = task.status === 'done';

  const toggle = () =>
    setStatus.mutate(
      { task, status: done ? 'open' : 'done' },
      { onSuccess: () => notifySaved(done ? t('reopened') : t('completed')), onError: notifyError },
    );
  const del = () =>
    confirmDelete(t('taskLabel', { title: task.title }), () =>
      remove.mutate(task.task_id, { onError: notifyError }),
    );

  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs" py={6}>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Checkbox
          checked={done}
          onChange={toggle}
          disabled={!editable}
          label={
            <Text span td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined}>
              {task.title}
            </Text>
          }
        />
        <Group gap="sm" pl={32} wrap="wrap">
          <Text size="sm" c={isLate(task, now) ? 'var(--carnet-color-danger-text)' : 'dimmed'}>
            {done ? t('completedOn', { date: dateTime(task.completed_at) }) : dueText(task, t)}
          </Text>
          {task.opportunity_id && !hideOpportunity && (
            <RelatedLink kind="opportunities" id={task.opportunity_id} />
          )}
          {task.contact_id && !hideContact && <RelatedLink kind="contacts" id={task.contact_id} />}
          {task.company_id && !hideCompany && <RelatedLink kind="companies" id={task.company_id} />}
          {showAssignee && (
            <Text size="sm" c="dimmed">
              {t('assignedTo', { name: userName(task.assignee_id) })}
            </Text>
          )}
        </Group>
      </Stack>
      {editable && (
        <Group gap={4} wrap="nowrap">
          {onEdit && (
            <Tooltip label={t('editTask')}>
              <ActionIcon
                variant="subtle"
                onClick={() => onEdit(task)}
                aria-label={t('editNamed', { title: task.title })}
              >
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label={t('deleteTask')}>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={del}
              aria-label={t('deleteNamed', { title: task.title })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      )}
    </Group>
  );
}
