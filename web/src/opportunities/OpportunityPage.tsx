import { Alert, Button, Modal, Stack } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe, useRecord } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { canCreate, canEdit } from '../auth/permissions.js';
import { HistoryList } from '../components/HistoryList.js';
import { Loading } from '../components/states.js';
import { CustomValuesSection } from '../fields/CustomValues.js';
import { recordCf } from '../fields/customFields.js';
import { LogInteractionForm } from '../interactions/LogInteractionForm.js';
import { Timeline } from '../interactions/Timeline.js';
import { DetailLayout } from '../records/DetailLayout.js';
import { RecordError, RecordHeader } from '../records/RecordHeader.js';
import { Section } from '../records/Section.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { TaskList } from '../tasks/TaskList.js';
import { OpportunityDetails } from './OpportunityDetails.js';
import { OpportunityFormModal } from './OpportunityForm.js';
import { useDeleteOpportunity } from './useDeleteOpportunity.js';

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

  if (record.isLoading) return <Loading />;
  if (record.error || !record.data)
    return (
      <RecordError
        error={record.error}
        notFound={t('notFound')}
        backTo="/opportunities"
        backLabel={t('backToList')}
        onRetry={() => record.refetch()}
      />
    );

  const o = record.data;
  const editable = canEdit(me.data, 'opportunities', o);
  return (
    <>
      <RecordHeader
        backTo="/opportunities"
        backLabel={t('backToList')}
        title={o.opportunity_name ?? `#${o.opportunity_id}`}
        editable={editable}
        readOnlyNote={me.data ? t('readOnly') : null}
        onEdit={edit.open}
        onDelete={() => remove(o)}
      />
      <DetailLayout
        at="lg"
        startSpan={8}
        start={
          <>
            <Section title={t('details')}>
              <OpportunityDetails opportunity={o} editable={editable} />
            </Section>
            <CustomValuesSection entity="opportunities" values={recordCf(o)} />
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
          </>
        }
        end={
          <Section title={tc('history')}>
            <HistoryList resource="opportunities" id={o.opportunity_id} />
          </Section>
        }
      />
      <OpportunityFormModal opened={editing} onClose={edit.close} opportunity={o} />
      <Modal opened={addingTask} onClose={addTask.close} title={t('addTask')} fullScreen={phone}>
        <TaskForm opportunityId={o.opportunity_id} onDone={addTask.close} />
      </Modal>
    </>
  );
}
