import { Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useList, useMe, useRecord } from '../api/queries.js';
import type { Company, Contact } from '../api/types.js';
import { canCreate, canEdit } from '../auth/permissions.js';
import { Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { ContactFormModal } from '../contacts/ContactForm.js';
import { CustomValuesSection } from '../fields/CustomValues.js';
import { recordCf } from '../fields/customFields.js';
import { DeclaredValues } from '../fields/DeclaredValues.js';
import { LogInteractionForm } from '../interactions/LogInteractionForm.js';
import { Timeline } from '../interactions/Timeline.js';
import { dateTime } from '../lib/format.js';
import { RelatedOpportunities } from '../opportunities/RelatedOpportunities.js';
import { ActivityTabs, DetailLayout } from '../records/DetailLayout.js';
import { RecordError, RecordHeader, useDeleteWithDialog } from '../records/RecordHeader.js';
import { Field, Fields, Section } from '../records/Section.js';
import { AddTaskButton } from '../tasks/AddTaskButton.js';
import { TaskList } from '../tasks/TaskList.js';
import { CompanyContacts } from './CompanyContacts.js';
import { COMPANY_LAYOUT, CompanyFormModal } from './CompanyForm.js';
import { companyLabel, Website } from './companyColumns.js';

/** the fields the page shows in its own way (the name as its title, the industry, the website link) */
const SHOWN_ABOVE: readonly string[] = ['company_name', 'industry', 'website'];
/** the other fields of the form's layout, in its order: a field added to the form shows here too */
const STANDARD = COMPANY_LAYOUT.filter((f) => !SHOWN_ABOVE.includes(f));

/**
 * One company: its fields, contacts, opportunities and tasks, and its timeline (the interactions
 * with its contacts or about its opportunities, newest first) with a form to log one, or its history.
 */
export default function CompanyPage() {
  const { t } = useTranslation('companies');
  const { id } = useParams();
  const companyId = Number(id);
  const me = useMe().data;
  const record = useRecord<Company>('companies', id);
  const userName = useUserName();
  const [editing, setEditing] = useState(false);
  const [addingContact, setAddingContact] = useState(false);
  // the same query as the contacts section (one request): an interaction needs one of them
  const contacts = useList<Contact>('contacts', { company_id: companyId, limit: 20 });
  const hasContacts = (contacts.data?.pages[0]?.data.length ?? 0) > 0;
  const c = record.data;
  const name = c ? companyLabel(c) : '';
  const remove = useDeleteWithDialog('companies', companyId, name);

  if (record.isLoading) return <Loading />;
  if (record.error || !c)
    return (
      <RecordError
        error={record.error}
        notFound={t('notFound')}
        backTo="/companies"
        backLabel={t('backToList')}
        onRetry={() => record.refetch()}
      />
    );

  return (
    <>
      <RecordHeader
        backTo="/companies"
        backLabel={t('backToList')}
        title={name}
        editable={canEdit(me, 'companies', c)}
        readOnlyNote={me?.role === 'viewer' ? null : t('readOnly', { owner: userName(c.owner_id) })}
        editLabel={t('editNamed', { name })}
        deleteLabel={t('deleteNamed', { name })}
        onEdit={() => setEditing(true)}
        onDelete={remove}
      />
      <DetailLayout
        startSpan={5}
        start={
          <>
            <Section title={t('details')}>
              <Fields>
                <Field label={t('industry')}>{c.industry}</Field>
                <Field label={t('website')}>{c.website && <Website company={c} />}</Field>
                <DeclaredValues resource="companies" record={c} names={[...STANDARD, 'tags']} />
                <Field label={t('owner')}>{userName(c.owner_id)}</Field>
                <Field label={t('createdAt')}>{dateTime(c.created_at)}</Field>
              </Fields>
            </Section>
            <CustomValuesSection entity="companies" values={recordCf(c)} />
            <Section
              title={t('contacts')}
              action={
                canCreate(me) && (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() => setAddingContact(true)}
                  >
                    {t('addContact')}
                  </Button>
                )
              }
            >
              <CompanyContacts companyId={companyId} />
            </Section>
            <Section title={t('opportunities')}>
              <RelatedOpportunities filter={{ company_id: companyId }} empty={t('noOpportunities')} />
            </Section>
            <Section title={t('tasks')} action={<AddTaskButton companyId={companyId} />}>
              <TaskList companyId={companyId} />
            </Section>
          </>
        }
        end={
          <ActivityTabs
            resource="companies"
            id={companyId}
            labels={{ activity: t('activity'), history: t('history') }}
          >
            {canCreate(me) &&
              (hasContacts ? (
                <LogInteractionForm companyId={companyId} />
              ) : (
                contacts.data && (
                  <Text size="sm" c="dimmed">
                    {t('noContactForInteractions')}
                  </Text>
                )
              ))}
            <Timeline companyId={companyId} />
          </ActivityTabs>
        }
      />
      <CompanyFormModal opened={editing} onClose={() => setEditing(false)} company={c} />
      <ContactFormModal
        opened={addingContact}
        onClose={() => setAddingContact(false)}
        defaults={{ company_id: companyId }}
      />
    </>
  );
}
