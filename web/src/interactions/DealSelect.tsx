import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../api/types.js';
import { type RecordKind, RecordSelect, type RecordSelectProps } from '../records/RecordSelect.js';

const DEAL: RecordKind<Opportunity> = {
  resource: 'opportunities',
  idOf: (o) => o.opportunity_id,
  labelOf: (o) => o.opportunity_name ?? `#${o.opportunity_id}`,
};

/**
 * The deal an interaction is about: one of the contact's deals (the record picker, most recently
 * changed first), or none. A deal of another contact that is already linked (the API allows it)
 * stays offered under its own name.
 */
export function DealSelect({ contactId, ...props }: RecordSelectProps & { contactId: number | null }) {
  const { t } = useTranslation('interactions');
  return (
    <RecordSelect
      kind={DEAL}
      label={t('dealLabel')}
      placeholder={t('noDeal')}
      nothingFoundMessage={t('noDealFound')}
      where={{ contact_id: contactId ?? undefined, sort: '-updated_at' }}
      enabled={contactId !== null}
      {...props}
    />
  );
}
