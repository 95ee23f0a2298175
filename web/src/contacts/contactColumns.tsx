import { Anchor, Text } from '@mantine/core';
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
import { ChannelLinks } from './ChannelLinks.js';
import { CONTACT_LAYOUT } from './ContactForm.js';

/** the form's other fields, offered by the column chooser (hidden until picked) */
const MORE = CONTACT_LAYOUT.filter((f) => !['first_name', 'last_name', 'email', 'phone'].includes(f));

export const contactPath = (c: Contact) => `/contacts/${c.contact_id}`;

/** the primary value, and how many others the contact has ("+2"), so a match among them is not a surprise */
const withMore = (primary: string | null, others: number) => (
  <>
    {primary ?? '—'}
    {others > 0 && (
      <Text span c="dimmed" size="xs" ml={4}>
        +{others}
      </Text>
    )}
  </>
);

/** The contacts list's columns (the table) and card (a phone), declared once. */
export function useContactList() {
  const { t } = useTranslation('contacts');
  const { t: tt } = useTranslation(TAGS);
  const userName = useUserName();
  const columns: Column<Contact>[] = [
    nameColumn(t('name'), 'last_name,first_name', personName, contactPath),
    {
      key: 'email',
      label: t('email'),
      sort: 'email',
      cell: (c) => withMore(c.email, (c.emails ?? []).length),
    },
    {
      key: 'phone',
      label: t('phone'),
      nowrap: true,
      cell: (c) => withMore(c.phone, (c.phones ?? []).length),
    },
    {
      key: 'company',
      field: 'company_id',
      label: t('company'),
      cell: (c) => <CompanyLink id={c.company_id} />,
    },
    ownerColumn(t('owner'), userName),
    tagsColumn<Contact>(tt('label')),
    createdColumn(t('createdAt')),
    // the extras, each with its label: what a search by another number or address found
    {
      key: 'emails',
      label: t('otherEmails'),
      optional: true,
      cell: (c) => (
        <ChannelLinks
          items={(c.emails ?? []).map((e) => ({ label: e.label, value: e.email, href: mailHref(e.email) }))}
        />
      ),
    },
    {
      key: 'phones',
      label: t('otherPhones'),
      optional: true,
      nowrap: true,
      cell: (c) => (
        <ChannelLinks
          items={(c.phones ?? []).map((p) => ({ label: p.label, value: p.number, href: telHref(p.number) }))}
        />
      ),
    },
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
