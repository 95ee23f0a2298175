import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useList } from '../api/queries.js';
import type { Task } from '../api/types.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { rows } from '../tasks/api.js';
import { groupTasks } from '../tasks/groups.js';
import { TaskItem } from '../tasks/TaskItem.js';
import { useNow } from '../tasks/useNow.js';

const SHOWN = 8;

/** My overdue tasks and those due today, completable from here. */
export function MyTasksDue() {
  const { t } = useTranslation('dashboard');
  const now = useNow();
  // the same query as the tasks page (shared cache): undated tasks sort first, so a full page
  // might hide some dated ones; 200 open tasks for one person is beyond what this is built for
  const open = useList<Task>('tasks', { assignee_id: 'me', status: 'open', sort: 'due', limit: 200 });
  if (open.isLoading) return <Loading />;
  if (open.error) return <ErrorState error={open.error} onRetry={() => open.refetch()} />;
  const groups = groupTasks(rows(open.data), now);
  // a task completed here stays visible (struck through) until the list is refetched
  const due = [...groups.overdue, ...groups.today, ...groups.done];
  return (
    <Stack gap={0}>
      {due.length === 0 ? (
        <Empty>{t('tasksEmpty')}</Empty>
      ) : (
        due.slice(0, SHOWN).map((task) => <TaskItem key={task.task_id} task={task} now={now} />)
      )}
      {due.length > SHOWN && (
        <Text size="sm" c="dimmed">
          {t('tasksMore', { count: due.length - SHOWN })}
        </Text>
      )}
      <Anchor component={Link} to="/tasks" size="sm" mt="xs">
        {t('allTasks')}
      </Anchor>
    </Stack>
  );
}
