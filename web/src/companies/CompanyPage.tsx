import { Anchor, Button, Grid, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe, useRecord } from '../api/queries.js';
import type { Company } from '../api/types.js';
import { canCreate, canEdit } from '../auth/permissions.js';
import { HistoryList } from '../components/HistoryList.js';
import { Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { ContactFormModal } from '../contacts/ContactForm.js';
import { RecordError, RecordHeader } from '../contacts/detail/RecordHeader.js';
import { RelatedOpportunities } from '../contacts/detail/RelatedOpportunities.js';
import { Field, Fields, Section } from '../contacts/detail/Section.js';
import { dateTime } from '../lib/format.js';
import { CompanyContacts } from './CompanyContacts.js';
import { CompanyFormModal, websiteHref } from './CompanyForm.js';

export default function CompanyPage() {
  const { t } = useTranslation('companies');
  const { id } = useParams();
  const companyId = Number(id);
  const me = useMe().data;
  const record = useRecord<Company>('companies', id);
  const userName = useUserName();
  const [editing, setEditing] = useState(false);
  const [addingContact, setAddingContact] = useState(false);

  if (record.isLoading) return <Loading />;
  if (record.error || !record.data)
    return (
      <RecordError
        error={record.error}
        notFound={t('notFound')}
        backTo="/companies"
        backLabel={t('backToList')}
        onRetry={() => record.refetch()}
      />
    );
  const c = record.data;
  const name = c.company_name ?? `#${c.company_id}`;
  const href = c.website ? websiteHref(c.website) : null;

  return (
    <>
      <RecordHeader
        resource="companies"
        id={companyId}
        title={name}
        backLabel={t('backToList')}
        editable={canEdit(me, 'companies', c)}
        readOnlyNote={me?.role === 'viewer' ? null : t('readOnly', { owner: userName(c.owner_id) })}
        editLabel={t('editNamed', { name })}
        deleteLabel={t('deleteNamed', { name })}
        onEdit={() => setEditing(true)}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Section title={t('details')}>
              <Fields>
                <Field label={t('industry')}>{c.industry}</Field>
                <Field label={t('website')}>
                  {href ? (
                    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
                      {c.website}
                    </Anchor>
                  ) : (
                    c.website
                  )}
                </Field>
                <Field label={t('owner')}>{userName(c.owner_id)}</Field>
                <Field label={t('createdAt')}>{dateTime(c.created_at)}</Field>
              </Fields>
            </Section>
            <Section title={t('history')}>
              <HistoryList resource="companies" id={companyId} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
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
          </Stack>
        </Grid.Col>
      </Grid>
      <CompanyFormModal opened={editing} onClose={() => setEditing(false)} company={c} />
      <ContactFormModal
        opened={addingContact}
        onClose={() => setAddingContact(false)}
        defaults={{ company_id: companyId }}
      />
    </>
  );
}
