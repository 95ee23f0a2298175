// Records for tests: every declared field null (shared/record-fields.ts), so that a fixture names
// only the fields its test is about and stays a whole record when fields are added.
import { RECORD_FIELDS, type RecordResource } from '../../../shared/record-fields.js';
import type { Company, Contact, Opportunity } from '../api/types.js';

interface Shapes {
  contacts: Contact;
  companies: Company;
  opportunities: Opportunity;
}

export function blank<R extends RecordResource>(resource: R): Shapes[R] {
  return Object.fromEntries(
    Object.keys(RECORD_FIELDS[resource]).map((k) => [k, null]),
  ) as unknown as Shapes[R];
}
