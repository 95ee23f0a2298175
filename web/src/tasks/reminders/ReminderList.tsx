import { ActionIcon, Anchor, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/queries.js';
import { canEdit } from '../../auth/permissions.js';
import { notifyError, notifySaved } from '../../components/feedback.js';
import { useSetTaskStatus } from '../api.js';
import { isOverdue } from '../due/days.js';
import { dueText } from '../TaskItem.js';
import type { Reminders } from './ReminderBell.js';

/** The record a task is about, for its link: the page where the work is. */
const taskHref = (task: Reminders['data'][number]) =>
  task.opportunity_id
    ? `/opportunities/${task.opportunity_id}`
    : task.contact_id
      ? `/contacts/${task.contact_id}`
      : task.company_id
        ? `/companies/${task.company_id}`
        : '/tasks';

/** The bell's dropdown: each task due today or late, a link to it, and a button to mark it done. */
export default function ReminderList({
  reminders,
  onNavigate,
}: {
  reminders: Reminders | undefined;
  onNavigate: () => void;
}) {
  const { t } = useTranslation('tasks');
  const me = useMe().data;
  const setStatus = useSetTaskStatus();
  const now = new Date();
  const tasks = reminders?.data ?? [];
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">
        {t('remindersTitle')}
      </Title>
      {tasks.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('remindersEmpty')}
        </Text>
      )}
      {tasks.map((task) => (
        <Group key={task.task_id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Anchor component={Link} to={taskHref(task)} size="sm" onClick={onNavigate} lineClamp={2}>
              {task.title}
            </Anchor>
            <Text size="xs" c={isOverdue(task, now) ? 'var(--carnet-color-danger-text)' : 'dimmed'}>
              {dueText(task, t)}
            </Text>
          </Stack>
          {canEdit(me, 'tasks', task) && (
            <Tooltip label={t('markDone', { title: task.title })}>
              <ActionIcon
                variant="subtle"
                color="green"
                aria-label={t('markDone', { title: task.title })}
                onClick={() =>
                  setStatus.mutate(
                    { task, status: 'done' },
                    { onSuccess: () => notifySaved(t('completed')), onError: notifyError },
                  )
                }
              >
                <IconCheck size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      ))}
      {reminders && reminders.count > tasks.length && (
        <Text size="xs" c="dimmed">
          {t('remindersHidden', { count: reminders.count - tasks.length })}
        </Text>
      )}
      <Anchor component={Link} to="/tasks" size="sm" onClick={onNavigate}>
        {t('remindersMore')}
      </Anchor>
    </Stack>
  );
}
