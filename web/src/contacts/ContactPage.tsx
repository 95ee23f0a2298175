import { Anchor } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe, useRecord } from '../api/queries.js';
import type { Contact } from '../api/types.js';
import { canCreate, canEdit } from '../auth/permissions.js';
import { CompanyLink } from '../companies/CompanyName.js';
import { Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { CustomValuesSection } from '../fields/CustomValues.js';
import { recordCf } from '../fields/customFields.js';
import { DeclaredValues } from '../fields/DeclaredValues.js';
import { LogInteractionForm } from '../interactions/LogInteractionForm.js';
import { Timeline } from '../interactions/Timeline.js';
import { dateTime, personName } from '../lib/format.js';
import { RelatedOpportunities } from '../opportunities/RelatedOpportunities.js';
import { ActivityTabs, DetailLayout } from '../records/DetailLayout.js';
import { mailHref, telHref } from '../records/links.js';
import { RecordError, RecordHeader, useDeleteWithDialog } from '../records/RecordHeader.js';
import { Field, Fields, Section } from '../records/Section.js';
import { TaskList } from '../tasks/TaskList.js';
import { ChannelLinks } from './ChannelLinks.js';
import { CONTACT_LAYOUT, ContactFormModal } from './ContactForm.js';
import { ContactTaskActions } from './detail/ContactTasks.js';

/** the fields the page shows in its own way (name, email and phone as links) */
const SHOWN_ABOVE: readonly string[] = ['first_name', 'last_name', 'email', 'phone', 'phones', 'emails'];
/** the other fields of the form's layout, in its order: a field added to the form shows here too */
const STANDARD = CONTACT_LAYOUT.filter((f) => !SHOWN_ABOVE.includes(f));

export default function ContactPage() {
  const { t } = useTranslation('contacts');
  const { id } = useParams();
  const contactId = Number(id);
  const me = useMe().data;
  const record = useRecord<Contact>('contacts', id);
  const userName = useUserName();
  const [editing, setEditing] = useState(false);
  const c = record.data;
  const name = c ? personName(c) : '';
  const remove = useDeleteWithDialog('contacts', contactId, name);

  if (record.isLoading) return <Loading />;
  if (record.error || !c)
    return (
      <RecordError
        error={record.error}
        notFound={t('notFound')}
        backTo="/contacts"
        backLabel={t('backToList')}
        onRetry={() => record.refetch()}
      />
    );
  const editable = canEdit(me, 'contacts', c);

  return (
    <>
      <RecordHeader
        backTo="/contacts"
        backLabel={t('backToList')}
        title={name}
        editable={editable}
        readOnlyNote={me?.role === 'viewer' ? null : t('readOnly', { owner: userName(c.owner_id) })}
        editLabel={t('editNamed', { name })}
        deleteLabel={t('deleteNamed', { name })}
        onEdit={() => setEditing(true)}
        onDelete={remove}
      />
      <DetailLayout
        startSpan={4}
        start={
          <>
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
                    <Anchor href={telHref(c.phone) ?? undefined} size="sm">
                      {c.phone}
                    </Anchor>
                  )}
                </Field>
                {(c.emails ?? []).length > 0 && (
                  <Field label={t('otherEmails')}>
                    <ChannelLinks
                      items={(c.emails ?? []).map((e) => ({
                        label: e.label,
                        value: e.email,
                        href: mailHref(e.email),
                      }))}
                    />
                  </Field>
                )}
                {(c.phones ?? []).length > 0 && (
                  <Field label={t('otherPhones')}>
                    <ChannelLinks
                      items={(c.phones ?? []).map((p) => ({
                        label: p.label,
                        value: p.number,
                        href: telHref(p.number),
                      }))}
                    />
                  </Field>
                )}
                <Field label={t('company')}>
                  {c.company_id == null ? t('noCompany') : <CompanyLink id={c.company_id} />}
                </Field>
                <DeclaredValues resource="contacts" record={c} names={[...STANDARD, 'tags']} />
                <Field label={t('owner')}>{userName(c.owner_id)}</Field>
                <Field label={t('createdAt')}>{dateTime(c.created_at)}</Field>
              </Fields>
            </Section>
            <CustomValuesSection entity="contacts" values={recordCf(c)} />
            <Section title={t('opportunities')}>
              <RelatedOpportunities filter={{ contact_id: contactId }} empty={t('noOpportunities')} />
            </Section>
            <Section title={t('tasks')} action={<ContactTaskActions contactId={contactId} />}>
              <TaskList contactId={contactId} />
            </Section>
          </>
        }
        end={
          <ActivityTabs
            resource="contacts"
            id={contactId}
            labels={{ activity: t('activity'), history: t('history') }}
          >
            {canCreate(me) && <LogInteractionForm contactId={contactId} />}
            <Timeline contactId={contactId} />
          </ActivityTabs>
        }
      />
      <ContactFormModal opened={editing} onClose={() => setEditing(false)} contact={c} />
    </>
  );
}
