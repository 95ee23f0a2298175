import { Anchor, Grid, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe, useRecord } from '../api/queries.js';
import type { Contact } from '../api/types.js';
import { canCreate, canEdit } from '../auth/permissions.js';
import { CompanyLink } from '../companies/CompanyName.js';
import { HistoryList } from '../components/HistoryList.js';
import { Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { LogInteractionForm } from '../interactions/LogInteractionForm.js';
import { Timeline } from '../interactions/Timeline.js';
import { dateTime, personName } from '../lib/format.js';
import { TaskList } from '../tasks/TaskList.js';
import { ContactFormModal } from './ContactForm.js';
import { ContactTaskActions } from './detail/ContactTasks.js';
import { RecordError, RecordHeader } from './detail/RecordHeader.js';
import { RelatedOpportunities } from './detail/RelatedOpportunities.js';
import { Field, Fields, Section } from './detail/Section.js';

export default function ContactPage() {
  const { t } = useTranslation('contacts');
  const { id } = useParams();
  const contactId = Number(id);
  const me = useMe().data;
  const record = useRecord<Contact>('contacts', id);
  const userName = useUserName();
  const [editing, setEditing] = useState(false);

  if (record.isLoading) return <Loading />;
  if (record.error || !record.data)
    return (
      <RecordError
        error={record.error}
        notFound={t('notFound')}
        backTo="/contacts"
        backLabel={t('backToList')}
        onRetry={() => record.refetch()}
      />
    );
  const c = record.data;
  const name = personName(c);
  const editable = canEdit(me, 'contacts', c);

  return (
    <>
      <RecordHeader
        resource="contacts"
        id={contactId}
        title={name}
        backLabel={t('backToList')}
        editable={editable}
        readOnlyNote={me?.role === 'viewer' ? null : t('readOnly', { owner: userName(c.owner_id) })}
        editLabel={t('editNamed', { name })}
        deleteLabel={t('deleteNamed', { name })}
        onEdit={() => setEditing(true)}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Section title={t('details')}>
              <Fields>
                <Field label={t('email')}>
                  {c.email && (
                    <Anchor href={`mailto:${c.email}`} size="sm">
                      {c.email}
                    </Anchor>
                  )}
                </Field>
                <Field label={t('phone')}>
                  {c.phone && (
                    <Anchor href={`tel:${c.phone.replace(/\s/g, '')}`} size="sm">
                      {c.phone}
                    </Anchor>
                  )}
                </Field>
                <Field label={t('company')}>
                  {c.company_id == null ? t('noCompany') : <CompanyLink id={c.company_id} />}
                </Field>
                <Field label={t('owner')}>{userName(c.owner_id)}</Field>
                <Field label={t('createdAt')}>{dateTime(c.created_at)}</Field>
              </Fields>
            </Section>
            <Section title={t('opportunities')}>
              <RelatedOpportunities filter={{ contact_id: contactId }} empty={t('noOpportunities')} />
            </Section>
            <Section title={t('tasks')} action={<ContactTaskActions contactId={contactId} />}>
              <TaskList contactId={contactId} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs defaultValue="activity" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="activity">{t('activity')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="activity">
              <Stack gap="md">
                {canCreate(me) && <LogInteractionForm contactId={contactId} />}
                <Timeline contactId={contactId} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryList resource="contacts" id={contactId} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
      </Grid>
      <ContactFormModal opened={editing} onClose={() => setEditing(false)} contact={c} />
    </>
  );
}
