import { Button, Divider, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useList } from '../api/queries.js';
import type { Task } from '../api/types.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { rows } from './api.js';
import { groupTasks } from './groups.js';
import { TaskEditModal } from './TaskEditModal.js';
import { TaskItem } from './TaskItem.js';

export interface TaskListProps {
  opportunityId?: number;
  contactId?: number;
  /** a company's tasks: those about its contacts or its opportunities */
  companyId?: number;
}

/**
 * The tasks of one opportunity, contact or company: open ones by due date, then done ones; one
 * click completes.
 */
export function TaskList({ opportunityId, contactId, companyId }: TaskListProps) {
  const { t } = useTranslation('tasks');
  const [editing, setEditing] = useState<Task | null>(null);
  const list = useList<Task>(
    'tasks',
    // -status: "open" sorts after "done", so descending puts open tasks first
    { opportunity_id: opportunityId, contact_id: contactId, sort: '-status,due', limit: 100 },
    {
      enabled: opportunityId !== undefined || contactId !== undefined || companyId !== undefined,
      path: companyId === undefined ? undefined : `companies/${companyId}/tasks`,
    },
  );
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const now = new Date();
  const groups = groupTasks(rows(list.data), now);
  const open = [...groups.overdue, ...groups.today, ...groups.upcoming];
  if (open.length === 0 && groups.done.length === 0) return <Empty>{t('empty')}</Empty>;

  const item = (task: Task) => (
    <TaskItem
      key={task.task_id}
      task={task}
      now={now}
      hideOpportunity={opportunityId !== undefined}
      hideContact={contactId !== undefined}
      hideCompany={companyId !== undefined}
      showAssignee
      onEdit={setEditing}
    />
  );
  return (
    <Stack gap={0}>
      {open.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('noOpen')}
        </Text>
      )}
      {open.map(item)}
      {groups.done.length > 0 && (
        <>
          <Divider my="xs" label={t('groupDone')} labelPosition="left" />
          {groups.done.map(item)}
        </>
      )}
      {list.hasNextPage && (
        <Button variant="subtle" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('loadMore', { ns: 'common' })}
        </Button>
      )}
      <TaskEditModal task={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
