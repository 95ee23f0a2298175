// What a row of a file becomes, shared by the row-by-row writer (writer.ts) and the batched one
// (batch-writer.ts): its outcome, a contact's checked fields, the failure a refused row reports.
import { type EmailChannel, type PhoneChannel, parseChannels } from '../../shared/channels.js';
import type { CustomField } from '../../shared/custom-fields.js';
import { PHONE_MAX } from '../../shared/phone.js';
import { CompanyWrite, ContactWrite, NOTES_MAX } from '../../shared/resources.js';
import type { Locale } from '../config.js';
import type { CrudService } from '../crud/crud.service.js';
import type { Values } from '../crud/resource.js';
import { isUnavailable, isUniqueViolation } from '../db/dialect.js';
import { AppError, badRequest, type FieldError } from '../errors.js';
import { checkBody } from '../http/validation.js';
import { phoneKey } from '../lib/phone.js';
import { plainInput } from './field-values.js';
import type { ImportEntity } from './imports.table.js';
import type { Fields } from './mapping.js';
import { rawOf, SetAside } from './salvage.js';
import { cleanEmail, cleanPhone, phoneProblem, splitFullName } from './values.js';

export type Action = 'created' | 'updated' | 'skipped' | 'failed';

export interface RowOutcome {
  row: number;
  action: Action;
  id?: number;
  errors: FieldError[];
  /** values the row could not use, set aside (into its notes): it was written without them */
  warnings?: FieldError[];
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
  /** the language of the lines a row's notes gain for its values set aside (CRM_DEFAULT_LOCALE) */
  locale?: Locale;
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

/** A contact's checked fields from a row, what it set aside, and its notes with those values. */
export interface ContactInput {
  input: Values;
  /** the values set aside (the row is written without them): its warnings */
  warnings: FieldError[];
  /** the file's notes, then the values set aside */
  notes?: string;
  /** the company to link, unless its name was set aside */
  companyName?: string;
}

/** the fields whose value names a person: a row left with none of them fails */
const IDENTITY = ['first_name', 'last_name', 'email'];

/**
 * A contact's fields from a row, checked as the API checks them. A value the API would refuse is
 * set aside with a warning (salvage.ts) and the rest is kept; throws AppError only when nothing
 * naming the person is left (the errors then say why, the values set aside included).
 */
export function contactInput(f: Fields, custom: CustomField[] = [], locale: Locale = 'fr'): ContactInput {
  const aside = new SetAside(locale, custom);
  const names = f.first_name || f.last_name ? {} : splitFullName(f.full_name ?? '');
  const plain = plainInput('contacts', f, custom);
  for (const e of plain.errors) aside.add(e, rawOf(f, e.field));
  const input = present({
    first_name: f.first_name ?? names.first_name,
    last_name: f.last_name ?? names.last_name,
    email: f.email ? cleanEmail(f.email) : undefined,
    phone: f.phone ? cleanPhone(f.phone) : undefined,
    ...plain.values,
  });
  if (typeof input.phone === 'string') {
    const problem = phoneProblem(input.phone);
    if (problem) {
      aside.add(phoneError('phone', problem, input.phone), f.phone ?? '');
      delete input.phone;
    }
  }
  const channels = channelInput(input, f, aside);
  // the primary set aside, the first other one that is usable takes its place
  if (input.phone === undefined && channels.phones.length > 0)
    input.phone = (channels.phones.shift() as PhoneChannel).number;
  if (channels.phones.length > 0) input.phones = channels.phones;
  if (channels.emails.length > 0) input.emails = channels.emails;
  checkSalvaging(input, f, aside);
  const emails = input.emails as EmailChannel[] | undefined;
  if (input.email === undefined && emails?.length) {
    input.email = (emails.shift() as EmailChannel).email;
    if (emails.length === 0) delete input.emails;
  }
  let companyName = f.company_name || undefined;
  if (companyName) {
    try {
      checkBody(CompanyWrite.create, { company_name: companyName });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const err of fieldErrors(e)) aside.add({ ...err, field: 'company_name' }, companyName);
      companyName = undefined;
    }
  }
  const notes = aside.notes(f.notes);
  if (notes && notes.length > NOTES_MAX)
    throw badRequest([
      {
        field: 'notes',
        code: 'too_long',
        message: `must NOT have more than ${NOTES_MAX} characters`,
        limit: NOTES_MAX,
      },
    ]);
  return { input, warnings: aside.warnings, notes, companyName };
}

const fieldErrors = (e: AppError) => (e.extra.errors as FieldError[] | undefined) ?? [];

/**
 * A row refused when written (a custom field's choice the service checks, a duplicate) fails with
 * the values it had set aside among its reasons, as a row refused before writing does.
 */
export function withSetAside(e: unknown, warnings: FieldError[] | undefined): unknown {
  if (!warnings?.length || !(e instanceof AppError) || fieldErrors(e).length === 0) return e;
  return badRequest([...warnings, ...fieldErrors(e)]);
}

const phoneError = (field: string, problem: 'too_long' | 'not_a_phone', value: string): FieldError =>
  problem === 'too_long'
    ? {
        field,
        code: 'too_long',
        message: `must NOT have more than ${PHONE_MAX} characters`,
        limit: PHONE_MAX,
      }
    : { field, code: 'not_a_phone', message: `"${value.slice(0, 50)}" is not a phone number` };

/**
 * Checks the input by the API's schema; each field it refuses is set aside and the rest checked
 * again, until it passes. Throws when what is refused names the person and nothing else does.
 */
function checkSalvaging(input: Values, f: Fields, aside: SetAside) {
  for (let round = 0; ; round++) {
    let errors: FieldError[];
    try {
      checkBody(ContactWrite.create, input);
      return;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      errors = fieldErrors(e);
    }
    const identityLeft = IDENTITY.some(
      (k) => input[k] !== undefined && !errors.some((e) => e.field.split('.')[0] === k),
    );
    const removable = errors.filter((e) => e.field !== '' && e.field.split('.')[0] in input);
    if (!identityLeft || removable.length < errors.length || round > 20)
      throw badRequest([...aside.warnings, ...errors]);
    // items of a list from the last, so that the indexes of the others stay right
    for (const e of [...removable].sort((a, b) => b.field.localeCompare(a.field, 'en', { numeric: true }))) {
      const [top, index] = e.field.split('.');
      const list = input[top];
      if (Array.isArray(list) && index !== undefined && /^\d+$/.test(index)) {
        const [item] = list.splice(Number(index), 1) as { label?: string; number?: string; email?: string }[];
        if (item) aside.add(e, String(item.number ?? item.email ?? ''), item.label);
        if (list.length === 0) delete input[top];
      } else if (top in input) {
        const raw = rawOf(f, e.field) || String(input[top] ?? '');
        aside.add(e, raw);
        delete input[top];
      }
    }
  }
}

/**
 * A row's extra phones and emails ("mobile: 06 12; home: 01 23"), tidied as the primary ones, each
 * once and none the primary again (numbers compared by their key, addresses ignoring case). A
 * phone that is no number is set aside.
 */
function channelInput(input: Values, f: Fields, aside: SetAside) {
  const same = (v: string) => phoneKey(v) ?? v;
  const seenPhones = new Set(input.phone ? [same(input.phone as string)] : []);
  const phones: PhoneChannel[] = [];
  for (const { label, value } of parseChannels(f.phones ?? '')) {
    const number = cleanPhone(value);
    const problem = phoneProblem(number);
    if (problem) {
      aside.add(phoneError(`phones.${phones.length}.number`, problem, number), value, label);
      continue;
    }
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
