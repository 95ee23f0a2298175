import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.js';
import { CompanyLink } from '../companies/CompanyName.js';
import { useUserName } from '../components/UserSelect.js';
import { declaredColumns } from '../fields/declaredColumns.js';
import { personName } from '../lib/format.js';
import type { CardField } from '../records/CardList.js';
import type { Column } from '../records/columns.js';
import { mailHref, telHref } from '../records/links.js';
import { createdColumn, nameColumn, ownerColumn } from '../records/standardColumns.js';
import { NS as TAGS } from '../tags/strings.js';
import { tagsCardField, tagsColumn } from '../tags/tagsColumn.js';
import { CONTACT_LAYOUT } from './ContactForm.js';

/** the form's other fields, offered by the column chooser (hidden until picked) */
const MORE = CONTACT_LAYOUT.filter((f) => !['first_name', 'last_name', 'email', 'phone'].includes(f));

export const contactPath = (c: Contact) => `/contacts/${c.contact_id}`;

/** The contacts list's columns (the table) and card (a phone), declared once. */
export function useContactList() {
  const { t } = useTranslation('contacts');
  const { t: tt } = useTranslation(TAGS);
  const userName = useUserName();
  const columns: Column<Contact>[] = [
    nameColumn(t('name'), 'last_name,first_name', personName, contactPath),
    { key: 'email', label: t('email'), sort: 'email', cell: (c) => c.email ?? '—' },
    { key: 'phone', label: t('phone'), nowrap: true, cell: (c) => c.phone ?? '—' },
    {
      key: 'company',
      field: 'company_id',
      label: t('company'),
      cell: (c) => <CompanyLink id={c.company_id} />,
    },
    ownerColumn(t('owner'), userName),
    tagsColumn<Contact>(tt('label')),
    createdColumn(t('createdAt')),
    ...declaredColumns<Contact>('contacts', MORE),
  ];

  /** A card: the e-mail and phone ready to tap. */
  const card = (c: Contact) => {
    const mail = mailHref(c.email);
    const tel = telHref(c.phone);
    const fields: CardField[] = [
      { label: t('company'), value: c.company_id == null ? null : <CompanyLink id={c.company_id} /> },
      {
        label: t('email'),
        value: mail && (
          <Anchor href={mail} size="sm">
            {c.email}
          </Anchor>
        ),
      },
      {
        label: t('phone'),
        value:
          c.phone &&
          (tel ? (
            <Anchor href={tel} size="sm">
              {c.phone}
            </Anchor>
          ) : (
            c.phone
          )),
      },
      tagsCardField(tt('label'), c.tags),
    ];
    return { title: personName(c), to: contactPath(c), fields };
  };
  return { columns, card };
}
