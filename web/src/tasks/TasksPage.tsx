import { Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useList, useMe } from '../api/queries.js';
import type { Task } from '../api/types.js';
import { canCreate, canSeeTeamTasks } from '../auth/permissions.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { CardItem, CardList } from '../records/CardList.js';
import { usePhone } from '../records/usePhone.js';
import { rows } from './api.js';
import { groupTasks, TASK_GROUPS, type TaskGroup } from './groups.js';
import { TaskEditModal } from './TaskEditModal.js';
import { TaskForm } from './TaskForm.js';
import { TaskItem } from './TaskItem.js';
import { TeamTasks } from './TeamTasks.js';
import { useNow } from './useNow.js';

const GROUP_TITLE: Record<TaskGroup, string> = {
  overdue: 'groupOverdue',
  today: 'groupToday',
  upcoming: 'groupUpcoming',
  done: 'groupDone',
};

/**
 * "My tasks": open ones grouped by due day, then the recently done ones. Managers and admins also
 * have the team's view (`?view=team`, `&assignee=ID|none`): the URL keeps the view and its filter.
 */
export default function TasksPage() {
  const { t } = useTranslation('tasks');
  const me = useMe().data;
  const now = useNow();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const team = canSeeTeamTasks(me) && params.get('view') === 'team';
  const assignee = params.get('assignee');
  const setView = (view: string) => setParams(view === 'team' ? { view } : {});
  const setAssignee = (value: string | null) =>
    setParams(value ? { view: 'team', assignee: value } : { view: 'team' });
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const [editing, setEditing] = useState<Task | null>(null);
  // Teams are small: 200 open tasks a person is already a lot; more load on demand.
  const open = useList<Task>(
    'tasks',
    { assignee_id: 'me', status: 'open', sort: 'due', limit: 200 },
    { enabled: !team },
  );
  const done = useList<Task>(
    'tasks',
    {
      assignee_id: 'me',
      status: 'done',
      sort: '-completed_at',
      limit: 20,
    },
    { enabled: !team },
  );

  const header = (
    <PageHeader title={team ? t('teamTasks') : t('myTasks')}>
      {canSeeTeamTasks(me) && (
        <SegmentedControl
          aria-label={t('viewLabel')}
          value={team ? 'team' : 'mine'}
          onChange={setView}
          data={[
            { value: 'mine', label: t('myTasks') },
            { value: 'team', label: t('teamTasks') },
          ]}
        />
      )}
      {canCreate(me) && (
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openCreate}>
          {t('newTask')}
        </Button>
      )}
    </PageHeader>
  );
  const modals = (
    <>
      <Modal
        opened={creating}
        onClose={closeCreate}
        title={t('newTask')}
        closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
      >
        <TaskForm onDone={closeCreate} />
      </Modal>
      <TaskEditModal task={editing} onClose={() => setEditing(null)} />
    </>
  );

  if (team)
    return (
      <>
        {header}
        <TeamTasks assignee={assignee} onAssignee={setAssignee} />
        {modals}
      </>
    );
  if (open.isLoading || done.isLoading)
    return (
      <>
        {header}
        <Loading />
      </>
    );
  const error = open.error ?? done.error;
  if (error)
    return (
      <>
        {header}
        <ErrorState error={error} onRetry={() => void Promise.all([open.refetch(), done.refetch()])} />
      </>
    );

  const groups = groupTasks([...rows(open.data), ...rows(done.data)], now);
  const total = TASK_GROUPS.reduce((n, g) => n + groups[g].length, 0);

  return (
    <>
      {header}
      {total === 0 ? (
        <Empty>{t('emptyMine')}</Empty>
      ) : (
        <Stack gap="md">
          {TASK_GROUPS.map((g) => (
            <Paper key={g} withBorder p="md" component="section" aria-labelledby={`tasks-${g}`}>
              <Group gap="xs" mb="xs">
                <Title
                  order={2}
                  size="h4"
                  id={`tasks-${g}`}
                  c={g === 'overdue' ? 'var(--carnet-color-danger-text)' : undefined}
                >
                  {t(GROUP_TITLE[g])}
                </Title>
                <Badge variant="light" color={g === 'overdue' && groups[g].length ? 'red' : 'gray'}>
                  {t('groupCount', { count: groups[g].length })}
                </Badge>
              </Group>
              {g === 'done' && (
                <Text size="xs" c="dimmed" mb="xs">
                  {t('recentDone')}
                </Text>
              )}
              {groups[g].length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('emptyGroup')}
                </Text>
              ) : (
                // a phone shows each task as a card (issue 12); a wide screen, rows in the section
                <CardList labelledBy={`tasks-${g}`} gap={phone ? 'xs' : 0}>
                  {groups[g].map((task) => (
                    <CardItem key={task.task_id} card={phone}>
                      <TaskItem task={task} now={now} onEdit={setEditing} />
                    </CardItem>
                  ))}
                </CardList>
              )}
              {g === 'upcoming' && open.hasNextPage && (
                <Button
                  variant="subtle"
                  mt="xs"
                  onClick={() => open.fetchNextPage()}
                  loading={open.isFetchingNextPage}
                >
                  {t('loadMore', { ns: 'common' })}
                </Button>
              )}
              {g === 'done' && done.hasNextPage && (
                <Button
                  variant="subtle"
                  mt="xs"
                  onClick={() => done.fetchNextPage()}
                  loading={done.isFetchingNextPage}
                >
                  {t('showMoreDone')}
                </Button>
              )}
            </Paper>
          ))}
        </Stack>
      )}
      {modals}
    </>
  );
}
