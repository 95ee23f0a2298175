// What a row of a file becomes, shared by the row-by-row writer (writer.ts) and the batched one
// (batch-writer.ts): its outcome, a contact's checked fields, the failure a refused row reports.
import { type EmailChannel, type PhoneChannel, parseChannels } from '../../shared/channels.js';
import type { CustomField } from '../../shared/custom-fields.js';
import { CompanyWrite, ContactWrite, NOTES_MAX } from '../../shared/resources.js';
import type { CrudService } from '../crud/crud.service.js';
import type { Values } from '../crud/resource.js';
import { isUnavailable, isUniqueViolation } from '../db/dialect.js';
import { AppError, badRequest, type FieldError } from '../errors.js';
import { checkBody } from '../http/validation.js';
import { phoneKey } from '../lib/phone.js';
import { plainInput } from './field-values.js';
import type { ImportEntity } from './imports.table.js';
import type { Fields } from './mapping.js';
import { cleanEmail, cleanPhone, splitFullName } from './values.js';

export type Action = 'created' | 'updated' | 'skipped' | 'failed';

export interface RowOutcome {
  row: number;
  action: Action;
  id?: number;
  errors: FieldError[];
  /** what the row would write, for a preview */
  values?: Values;
}

export interface Services {
  companies: CrudService;
  contacts: CrudService;
  opportunities: CrudService;
  interactions: CrudService;
}

export interface WriterOptions {
  entity: ImportEntity;
  onDuplicate: 'skip' | 'update';
  /** the entity's custom fields, whose columns the file may fill */
  custom?: CustomField[];
}

/** Fields the file left empty are left out, so an update never clears what the CRM already has. */
export const present = (v: Values): Values =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));

/**
 * A row's outcome when writing it threw `e` for a reason of its own (a refused value, a duplicate),
 * or null when the database failed and the batch cannot go on.
 */
export function failure(row: number, e: unknown, entity: ImportEntity): RowOutcome | null {
  if (e instanceof AppError) {
    const errors = (e.extra.errors as FieldError[] | undefined) ?? [];
    return {
      row,
      action: 'failed',
      errors: errors.length
        ? errors
        : [{ field: '', code: e.status === 403 ? 'not_allowed' : 'invalid', message: e.message }],
    };
  }
  if (isUniqueViolation(e) && !isUnavailable(e)) {
    const field = entity === 'contacts' ? 'email' : '';
    return {
      row,
      action: 'failed',
      errors: [{ field, code: 'duplicate', message: 'is already used by another record' }],
    };
  }
  return null;
}

/** A contact's fields from a row, checked as the API checks them; throws AppError when refused. */
export function contactInput(f: Fields, custom: CustomField[] = []): Values {
  const names = f.first_name || f.last_name ? {} : splitFullName(f.full_name ?? '');
  const plain = plainInput('contacts', f, custom);
  if (plain.errors.length > 0) throw badRequest(plain.errors);
  const input = present({
    first_name: f.first_name ?? names.first_name,
    last_name: f.last_name ?? names.last_name,
    email: f.email ? cleanEmail(f.email) : undefined,
    phone: f.phone ? cleanPhone(f.phone) : undefined,
    ...plain.values,
  });
  const channels = channelInput(input, f);
  if (channels.phones.length > 0) input.phones = channels.phones;
  if (channels.emails.length > 0) input.emails = channels.emails;
  checkBody(ContactWrite.create, input);
  if (f.notes && f.notes.length > NOTES_MAX)
    throw badRequest([
      {
        field: 'notes',
        code: 'too_long',
        message: `must NOT have more than ${NOTES_MAX} characters`,
        limit: NOTES_MAX,
      },
    ]);
  if (f.company_name) checkBody(CompanyWrite.create, { company_name: f.company_name });
  return input;
}

/**
 * A row's extra phones and emails ("mobile: 06 12; home: 01 23"), tidied as the primary ones, each
 * once and none the primary again (numbers compared by their key, addresses ignoring case).
 */
function channelInput(input: Values, f: Fields) {
  const same = (v: string) => phoneKey(v) ?? v;
  const seenPhones = new Set(input.phone ? [same(input.phone as string)] : []);
  const phones: PhoneChannel[] = [];
  for (const { label, value } of parseChannels(f.phones ?? '')) {
    const number = cleanPhone(value);
    if (seenPhones.has(same(number))) continue;
    seenPhones.add(same(number));
    phones.push({ label, number });
  }
  const seenEmails = new Set(input.email ? [(input.email as string).toLowerCase()] : []);
  const emails: EmailChannel[] = [];
  for (const { label, value } of parseChannels(f.emails ?? '')) {
    const email = cleanEmail(value);
    if (seenEmails.has(email.toLowerCase())) continue;
    seenEmails.add(email.toLowerCase());
    emails.push({ label, email });
  }
  return { phones, emails };
}

/** The interaction holding a contact's notes from the file. */
export const noteOf = (contactId: number, notes: string): Values => ({
  contact_id: contactId,
  interaction_type: 'note',
  interaction_date: new Date().toISOString(),
  notes,
});
