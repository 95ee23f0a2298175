// A contact's extra phones and emails (ADR 014): tidied and checked before they are written, their
// keys kept in step in contact_emails and contact_phones (every email key and phone key of a
// contact, primary included) in the transaction of the write, and the contract's 409 when an
// address is already another contact's, primary or extra.
import { channelLabel, type EmailChannel, type PhoneChannel } from '../../shared/channels.js';
import type { DialectName } from '../config.js';
import type { LooseDb, Row, Values } from '../crud/resource.js';
import { insertMany } from '../db/pg-unnest.js';
import { AppError, badRequest, type FieldError } from '../errors.js';
import { chunks } from '../lib/chunks.js';
import { phoneKey } from '../lib/phone.js';

/** A list as written (already schema-checked): each label tidied, each value trimmed. */
export function tidyPhones(raw: unknown): PhoneChannel[] {
  return ((raw as PhoneChannel[] | null) ?? []).map((p) => ({
    label: channelLabel(p.label),
    number: p.number.trim(),
  }));
}

export function tidyEmails(raw: unknown): EmailChannel[] {
  return ((raw as EmailChannel[] | null) ?? []).map((e) => ({
    label: channelLabel(e.label),
    email: e.email.trim(),
  }));
}

/** A stored list column (JSON text, or what a driver parsed of it) as items. */
export function storedList<T>(v: unknown): T[] {
  if (v === null || v === undefined || v === '') return [];
  if (Array.isArray(v)) return v as T[];
  try {
    const parsed = JSON.parse(String(v));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

const emailKey = (e: string | null | undefined) => (e ? e.trim().toLowerCase() : null);

/** Every email key of a stored (or about to be stored) row: the primary, then the extras. */
export function emailKeysOf(row: Row): string[] {
  const keys = [
    emailKey(row.email as string | null),
    ...storedList<EmailChannel>(row.emails).map((e) => emailKey(e.email)),
  ];
  return [...new Set(keys.filter((k): k is string => k !== null))];
}

/** Every phone key of a row (the numbers that are possible numbers). */
export function phoneKeysOf(row: Row): string[] {
  const keys = [
    phoneKey(row.phone as string | null),
    ...storedList<PhoneChannel>(row.phones).map((p) => phoneKey(p.number)),
  ];
  return [...new Set(keys.filter((k): k is string => k !== null))];
}

/**
 * The same address or number twice on one contact is refused: once as the primary and once as an
 * extra, or twice among the extras (ignoring case; numbers by their key, else as typed).
 */
export function checkChannels(merged: Row): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const primary = emailKey(merged.email as string | null);
  if (primary) seen.add(primary);
  for (const [i, e] of storedList<EmailChannel>(merged.emails).entries()) {
    const k = emailKey(e.email) as string;
    if (seen.has(k))
      errors.push({
        field: `emails.${i}.email`,
        code: 'duplicate',
        message: "is already one of this contact's emails",
      });
    seen.add(k);
  }
  const numbers = new Set<string>();
  const key = (n: string | null | undefined) => (n ? (phoneKey(n) ?? n.replace(/\s+/g, ' ').trim()) : null);
  const first = key(merged.phone as string | null);
  if (first) numbers.add(first);
  for (const [i, p] of storedList<PhoneChannel>(merged.phones).entries()) {
    const k = key(p.number) as string;
    if (numbers.has(k))
      errors.push({
        field: `phones.${i}.number`,
        code: 'duplicate',
        message: "is already one of this contact's phones",
      });
    numbers.add(k);
  }
  if (errors.length > 0) throw badRequest(errors);
}

/**
 * Brings a contact's rows of contact_emails and contact_phones to those of `after` (null: the
 * contact is gone), writing only the difference.
 */
export async function syncChannels(trx: LooseDb, id: number, before: Row | null, after: Row | null) {
  const diff = (was: string[], now: string[]) => ({
    gone: was.filter((k) => !now.includes(k)),
    added: now.filter((k) => !was.includes(k)),
  });
  const emails = diff(before ? emailKeysOf(before) : [], after ? emailKeysOf(after) : []);
  const phones = diff(before ? phoneKeysOf(before) : [], after ? phoneKeysOf(after) : []);
  if (emails.gone.length > 0)
    await trx
      .deleteFrom('contact_emails')
      .where('contact_id', '=', id)
      .where('email_key', 'in', emails.gone)
      .execute();
  if (phones.gone.length > 0)
    await trx
      .deleteFrom('contact_phones')
      .where('contact_id', '=', id)
      .where('phone_key', 'in', phones.gone)
      .execute();
  if (emails.added.length > 0)
    await trx
      .insertInto('contact_emails')
      .values(emails.added.map((email_key) => ({ email_key, contact_id: id })))
      .execute();
  if (phones.added.length > 0)
    await trx
      .insertInto('contact_phones')
      .values(phones.added.map((phone_key) => ({ contact_id: id, phone_key })))
      .execute();
}

/** The keys of newly created contacts, with one statement a table (an import's batch). */
export async function addChannels(trx: LooseDb, dialect: DialectName, created: { id: number; row: Row }[]) {
  const emails = created.flatMap(({ id, row }) =>
    emailKeysOf(row).map((email_key) => ({ email_key, contact_id: id })),
  );
  const phones = created.flatMap(({ id, row }) =>
    phoneKeysOf(row).map((phone_key) => ({ contact_id: id, phone_key })),
  );
  if (emails.length > 0)
    await insertMany(trx, dialect, 'contact_emails', ['email_key', 'contact_id'], emails);
  if (phones.length > 0)
    await insertMany(trx, dialect, 'contact_phones', ['contact_id', 'phone_key'], phones);
}

/** The contact holding any of these email keys (the first by ID), other than `self`. */
export async function contactByEmails(
  db: LooseDb,
  keys: string[],
  self?: number,
): Promise<number | undefined> {
  for (const part of chunks(keys, 1000)) {
    let q = db
      .selectFrom('contact_emails')
      .select(['contact_id', 'email_key'])
      .where('email_key', 'in', part);
    if (self !== undefined) q = q.where('contact_id', '<>', self);
    const row = (await q.orderBy('contact_id').limit(1).executeTakeFirst()) as Row | undefined;
    if (row) return Number(row.contact_id);
  }
  return undefined;
}

/**
 * The contract's 409 for an address another contact already has (primary or extra), naming the
 * field of the values that holds it and `existing_id`.
 */
export async function duplicateChannel(values: Values, db: LooseDb): Promise<AppError> {
  const self =
    values.contact_id === undefined || values.contact_id === null ? undefined : Number(values.contact_id);
  const candidates: { field: string; key: string }[] = [];
  const primary = emailKey(values.email as string | null);
  if (primary) candidates.push({ field: 'email', key: primary });
  for (const [i, e] of storedList<EmailChannel>(values.emails).entries()) {
    const k = emailKey(e.email);
    if (k) candidates.push({ field: `emails.${i}.email`, key: k });
  }
  for (const c of candidates) {
    // the index table first; contacts.email_key too, for rows loaded behind the app's back (ADR 014)
    let found: Row | undefined;
    for (const table of ['contact_emails', 'contacts'] as const) {
      let q = db.selectFrom(table).select('contact_id').where('email_key', '=', c.key);
      if (self !== undefined) q = q.where('contact_id', '<>', self);
      found = (await q.executeTakeFirst()) as Row | undefined;
      if (found) break;
    }
    if (found)
      return new AppError(
        409,
        'duplicate',
        'Duplicate email',
        `A contact with the email ${c.key} already exists.`,
        {
          errors: [{ field: c.field, code: 'duplicate', message: 'is already used by another contact' }],
          existing_id: Number(found.contact_id),
        },
      );
  }
  return new AppError(
    409,
    'duplicate',
    'Duplicate email',
    'A contact with one of these emails already exists.',
    {
      errors: [{ field: 'email', code: 'duplicate', message: 'is already used by another contact' }],
    },
  );
}

/**
 * What an import's update of a contact writes of its phones and emails: the file adds the ones the
 * contact does not have yet (as extras, up to the limit) and takes none away; a primary of the
 * file that the contact holds as an extra stays an extra, the contact's primary staying.
 */
export function mergeChannels(existing: Row, input: Values, max: number): Values {
  const out: Values = { ...input };
  const haveEmails = emailKeysOf(existing);
  const extrasE = storedList<EmailChannel>(existing.emails);
  const inEmail = emailKey(input.email as string | undefined);
  if (inEmail && existing.email && haveEmails.includes(inEmail)) delete out.email;
  const primaryE = emailKey((out.email ?? existing.email) as string | null);
  const emails = [...extrasE, ...((input.emails as EmailChannel[] | undefined) ?? [])];
  const seenE = new Set(primaryE ? [primaryE] : []);
  const mergedE = emails.filter((e) => {
    const k = emailKey(e.email) as string;
    if (seenE.has(k)) return false;
    seenE.add(k);
    return true;
  });
  if (input.emails !== undefined || 'email' in out) out.emails = mergedE.slice(0, max);

  const numberKey = (n: string | null | undefined) => (n ? (phoneKey(n) ?? n.trim()) : null);
  const havePhones = [
    existing.phone as string | null,
    ...storedList<PhoneChannel>(existing.phones).map((p) => p.number),
  ].map(numberKey);
  const inPhone = numberKey(input.phone as string | undefined);
  if (inPhone && existing.phone && havePhones.includes(inPhone)) delete out.phone;
  const primaryP = numberKey((out.phone ?? existing.phone) as string | null);
  const phones = [
    ...storedList<PhoneChannel>(existing.phones),
    ...((input.phones as PhoneChannel[] | undefined) ?? []),
  ];
  const seenP = new Set(primaryP ? [primaryP] : []);
  const mergedP = phones.filter((p) => {
    const k = numberKey(p.number) as string;
    if (seenP.has(k)) return false;
    seenP.add(k);
    return true;
  });
  if (input.phones !== undefined || 'phone' in out) out.phones = mergedP.slice(0, max);
  return out;
}
