import type { Contact } from '../api/types.js';
import { personName } from '../lib/format.js';
import { type RecordKind, RecordSelect, type RecordSelectProps } from '../records/RecordSelect.js';

const CONTACT: RecordKind<Contact> = {
  resource: 'contacts',
  idOf: (c) => c.contact_id,
  labelOf: (c) => personName(c),
};

/** The record picker (records/RecordSelect.tsx) for contacts: a deal's contact, an interaction's. */
export function ContactSelect(props: RecordSelectProps) {
  return <RecordSelect kind={CONTACT} {...props} />;
}
