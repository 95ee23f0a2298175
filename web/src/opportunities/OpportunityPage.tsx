import { Alert, Anchor, Button, Grid, Group, Modal, Paper, Stack, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { useMe, useRecord } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { canCreate, canEdit } from '../auth/permissions.js';
import { HistoryList } from '../components/HistoryList.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorState, Loading } from '../components/states.js';
import { LogInteractionForm } from '../interactions/LogInteractionForm.js';
import { Timeline } from '../interactions/Timeline.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { TaskList } from '../tasks/TaskList.js';
import { OpportunityDetails } from './OpportunityDetails.js';
import { OpportunityFormModal } from './OpportunityForm.js';
import { useDeleteOpportunity } from './useDeleteOpportunity.js';

function Section({
  title,
  children,
  action,
}: {
  title: string;
  children: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

/** One deal: its fields (stage changeable here), then its tasks, its interactions and its history. */
export default function OpportunityPage() {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation('common');
  const { id } = useParams();
  const me = useMe();
  const record = useRecord<Opportunity>('opportunities', id);
  const remove = useDeleteOpportunity();
  const [editing, edit] = useDisclosure();
  const [addingTask, addTask] = useDisclosure();
  const phone = useMediaQuery('(max-width: 36em)');

  const back = (
    <Anchor component={Link} to="/opportunities" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('backToList')}
      </Group>
    </Anchor>
  );
  if (record.isLoading) return <Loading />;
  if (record.error || !record.data)
    return (
      <Stack align="flex-start">
        {back}
        {record.error instanceof ApiError && record.error.status === 404 ? (
          <Alert color="gray" role="alert">
            {t('notFound')}
          </Alert>
        ) : (
          <ErrorState error={record.error} onRetry={() => record.refetch()} />
        )}
      </Stack>
    );

  const o = record.data;
  const editable = canEdit(me.data, 'opportunities', o);
  return (
    <Stack>
      {back}
      <PageHeader title={o.opportunity_name ?? `#${o.opportunity_id}`}>
        {editable && (
          <>
            <Button leftSection={<IconPencil size={16} aria-hidden />} variant="light" onClick={edit.open}>
              {tc('edit')}
            </Button>
            <Button
              leftSection={<IconTrash size={16} aria-hidden />}
              variant="light"
              color="red"
              onClick={() => remove(o)}
            >
              {tc('delete')}
            </Button>
          </>
        )}
      </PageHeader>
      {!editable && me.data && (
        <Alert color="gray" variant="light">
          {t('readOnly')}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <Section title={t('details')}>
              <OpportunityDetails opportunity={o} editable={editable} />
            </Section>
            <Section
              title={t('tasks')}
              action={
                canCreate(me.data) && (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={addTask.open}
                  >
                    {t('addTask')}
                  </Button>
                )
              }
            >
              <TaskList opportunityId={o.opportunity_id} />
            </Section>
            <Section title={t('interactions')}>
              <Stack>
                {canCreate(me.data) &&
                  (o.contact_id ? (
                    <LogInteractionForm contactId={o.contact_id} opportunityId={o.opportunity_id} />
                  ) : (
                    <Alert color="gray" variant="light">
                      {t('noContactForInteractions')}
                    </Alert>
                  ))}
                <Timeline opportunityId={o.opportunity_id} />
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Section title={tc('history')}>
            <HistoryList resource="opportunities" id={o.opportunity_id} />
          </Section>
        </Grid.Col>
      </Grid>
      <OpportunityFormModal opened={editing} onClose={edit.close} opportunity={o} />
      <Modal opened={addingTask} onClose={addTask.close} title={t('addTask')} fullScreen={phone}>
        <TaskForm opportunityId={o.opportunity_id} onDone={addTask.close} />
      </Modal>
    </Stack>
  );
}
