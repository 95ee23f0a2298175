import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.js';
import { CompanyLink } from '../companies/CompanyName.js';
import { personName } from '../lib/format.js';
import { CardList, RecordCard, SelectAll } from '../records/CardList.js';
import { mailHref, telHref } from '../records/links.js';

/** The contacts list on a phone: a card each, the e-mail and phone ready to tap. */
export function ContactCards({
  rows,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: Contact[];
  selected: Map<number, Contact>;
  onToggle: (row: Contact, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
}) {
  const { t } = useTranslation('contacts');
  const ticked = rows.filter((r) => selected.has(r.contact_id)).length;
  return (
    <>
      <SelectAll ticked={ticked} total={rows.length} onChange={onToggleAll} />
      <CardList label={t('title')}>
        {rows.map((c) => {
          const name = personName(c);
          const mail = mailHref(c.email);
          const tel = telHref(c.phone);
          return (
            <RecordCard
              key={c.contact_id}
              title={name}
              to={`/contacts/${c.contact_id}`}
              selection={{
                selected: selected.has(c.contact_id),
                onChange: (on) => onToggle(c, on),
                label: t('listSelectRow', { name }),
              }}
              fields={[
                {
                  label: t('company'),
                  value: c.company_id == null ? null : <CompanyLink id={c.company_id} />,
                },
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
              ]}
            />
          );
        })}
      </CardList>
    </>
  );
}
