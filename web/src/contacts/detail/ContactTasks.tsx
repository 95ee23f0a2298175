import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useList } from '../../api/queries.js';
import type { Task } from '../../api/types.js';
import { ErrorState, Loading } from '../../components/states.js';
import { useUserName } from '../../components/UserSelect.js';
import { dateTime } from '../../lib/format.js';

/** The contact's tasks, read-only here: they are worked on in the tasks page. */
export function ContactTasks({ contactId }: { contactId: number }) {
  const { t } = useTranslation('contacts');
  const userName = useUserName();
  const list = useList<Task>('tasks', { contact_id: contactId, sort: '-status,due_at', limit: 20 });
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('noTasks')}
      </Text>
    );
  return (
    <Stack gap="xs">
      {rows.map((task) => (
        <Stack key={task.task_id} gap={0}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" td={task.status === 'done' ? 'line-through' : undefined} lineClamp={2}>
              {task.title}
            </Text>
            <Badge variant="light" size="sm" color={task.status === 'done' ? 'green' : 'blue'}>
              {task.status === 'done' ? t('taskDone') : t('taskOpen')}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {[task.due_at ? t('dueOn', { date: dateTime(task.due_at) }) : null, userName(task.assignee_id)]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

/** Tasks are owned by the tasks page: this only points there. */
export function AllTasksLink() {
  const { t } = useTranslation('contacts');
  return (
    <Anchor component={Link} to="/tasks" size="sm">
      {t('allTasks')}
    </Anchor>
  );
}
