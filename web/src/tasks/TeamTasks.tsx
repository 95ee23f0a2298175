import { Badge, Button, Group, Paper, Select, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useList, useUsers } from '../api/queries.js';
import type { Task } from '../api/types.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { CardItem, CardList } from '../records/CardList.js';
import { usePhone } from '../records/usePhone.js';
import { rows } from './api.js';
import { groupTasks } from './groups.js';
import { TaskEditModal } from './TaskEditModal.js';
import { TaskItem } from './TaskItem.js';
import { useNow } from './useNow.js';

const OPEN_GROUPS = ['overdue', 'today', 'upcoming'] as const;
const TITLE = { overdue: 'groupOverdue', today: 'groupToday', upcoming: 'groupUpcoming' } as const;

/** The assignee filter's value in the URL: a user ID, "none" (unassigned), or absent (everyone). */
export type AssigneeFilter = string | null;

/**
 * The team's open tasks (managers and admins), grouped by due day, each naming its assignee,
 * filtered by assignee: everyone, one user, or nobody.
 */
export function TeamTasks({
  assignee,
  onAssignee,
}: {
  assignee: AssigneeFilter;
  onAssignee: (value: AssigneeFilter) => void;
}) {
  const { t } = useTranslation('tasks');
  const now = useNow();
  const phone = usePhone();
  const users = useUsers();
  const [editing, setEditing] = useState<Task | null>(null);
  const list = useList<Task>('tasks', {
    status: 'open',
    sort: 'due',
    limit: 200,
    assignee_id: assignee ?? undefined,
  });
  const options = [
    { value: '', label: t('everyone') },
    { value: 'none', label: t('unassigned') },
    ...(users.data?.data ?? []).map((u) => ({ value: String(u.user_id), label: u.name ?? u.email })),
  ];

  const filter = (
    <Select
      label={t('assigneeFilter')}
      data={options}
      value={assignee ?? ''}
      onChange={(v) => onAssignee(v ? v : null)}
      allowDeselect={false}
      searchable
      maw={320}
      mb="md"
    />
  );
  if (list.isLoading)
    return (
      <>
        {filter}
        <Loading />
      </>
    );
  if (list.error)
    return (
      <>
        {filter}
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      </>
    );
  const groups = groupTasks(rows(list.data), now);
  const total = OPEN_GROUPS.reduce((n, g) => n + groups[g].length, 0);
  return (
    <>
      {filter}
      {total === 0 ? (
        <Empty>{t('emptyTeam')}</Empty>
      ) : (
        <Stack gap="md">
          {OPEN_GROUPS.filter((g) => groups[g].length > 0).map((g) => (
            <Paper key={g} withBorder p="md" component="section" aria-labelledby={`team-${g}`}>
              <Group gap="xs" mb="xs">
                <Title
                  order={2}
                  size="h4"
                  id={`team-${g}`}
                  c={g === 'overdue' ? 'var(--carnet-color-danger-text)' : undefined}
                >
                  {t(TITLE[g])}
                </Title>
                <Badge variant="light" color={g === 'overdue' ? 'red' : 'gray'}>
                  {t('groupCount', { count: groups[g].length })}
                </Badge>
              </Group>
              {/* cards on a phone, rows on a wide screen: as in "my tasks" */}
              <CardList labelledBy={`team-${g}`} gap={phone ? 'xs' : 0}>
                {groups[g].map((task) => (
                  <CardItem key={task.task_id} card={phone}>
                    <TaskItem task={task} now={now} showAssignee onEdit={setEditing} />
                  </CardItem>
                ))}
              </CardList>
            </Paper>
          ))}
        </Stack>
      )}
      {list.hasNextPage && (
        <Button
          variant="subtle"
          mt="xs"
          onClick={() => list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t('loadMore', { ns: 'common' })}
        </Button>
      )}
      <TaskEditModal task={editing} onClose={() => setEditing(null)} />
    </>
  );
}
