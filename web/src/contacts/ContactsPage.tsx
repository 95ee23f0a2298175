import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { channelsCell } from '../../../shared/export-columns.js';
import type { Contact } from '../api/types.js';
import { CompanySelect } from '../companies/CompanySelect.js';
import { companyNames } from '../companies/useCompany.js';
import { useUserName } from '../components/UserSelect.js';
import { personName } from '../lib/format.js';
import { OwnerFilter } from '../records/ListControls.js';
import { ListPage } from '../records/ListPage.js';
import { ContactFormModal } from './ContactForm.js';
import { useContactList } from './contactColumns.js';

const FILTERS = ['company_id', 'owner_id'] as const;
const idOf = (c: Contact) => c.contact_id;

export default function ContactsPage() {
  const { t } = useTranslation('contacts');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const userName = useUserName();
  const { columns, card } = useContactList();
  const [creating, setCreating] = useState(false);

  const csvRows = async (rows: Contact[]) => {
    const companies = await companyNames(
      qc,
      rows.flatMap((c) => (c.company_id == null ? [] : [c.company_id])),
    );
    return rows.map((c) => [
      c.contact_id,
      c.first_name,
      c.last_name,
      c.email,
      c.phone,
      channelsCell('phones', c.phones),
      channelsCell('emails', c.emails),
      c.company_id == null ? null : companies.get(c.company_id),
      c.owner_id == null ? null : userName(c.owner_id),
      c.created_at,
    ]);
  };

  return (
    <>
      <ListPage
        resource="contacts"
        title={t('title')}
        newLabel={t('newContact')}
        onNew={() => setCreating(true)}
        filterKeys={FILTERS}
        defaultSort="last_name,first_name"
        idOf={idOf}
        labelOf={personName}
        columns={columns}
        card={card}
        search={{ label: t('searchLabel'), placeholder: t('searchPlaceholder') }}
        empty={{ all: t('empty'), filtered: t('emptyFiltered') }}
        filters={(params, set) => (
          <>
            <CompanySelect
              label={t('company')}
              value={params.company_id || null}
              onChange={(v) => set({ company_id: v })}
              w={{ base: '100%', sm: 220 }}
            />
            <OwnerFilter value={params.owner_id} onChange={(v) => set({ owner_id: v })} />
          </>
        )}
        csv={{
          file: t('csvFile'),
          columns: [
            'contact_id',
            'first_name',
            'last_name',
            'email',
            'phone',
            'phones',
            'emails',
            'company_name',
            'owner',
            'created_at',
          ],
          rows: csvRows,
        }}
      />
      <ContactFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/contacts/${c.contact_id}`)}
      />
    </>
  );
}
