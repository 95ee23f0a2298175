import { CONTACT_FIELDS } from '../../shared/record-fields.js';
import { fromFields, type ResourceDef, type Row, type Values } from '../crud/resource.js';
import { customFilter } from '../custom-fields/filters.js';
import { customWords } from '../custom-fields/record-values.js';
import { badRequest } from '../errors.js';
import { defaultCountry, phoneKey } from '../lib/phone.js';
import { CONTACT_SEARCH_TEXT_MAX, nameKey, searchText } from '../lib/text.js';
import { tagFilter } from '../tags/record-tags.js';
import {
  addChannels,
  checkChannels,
  duplicateChannel,
  storedList,
  syncChannels,
  tidyEmails,
  tidyPhones,
} from './channels.js';

const NAME_FIELDS = ['first_name', 'last_name', 'email'] as const;
/** the fields whose words `q` finds (the phone as a number too) */
const SEARCHED = [...NAME_FIELDS, 'phone', 'phones', 'emails', 'job_title', 'city', 'custom_fields'];

export const contacts: ResourceDef = {
  path: 'contacts',
  table: 'contacts',
  idColumn: 'contact_id',
  label: 'contact',
  extraFilters: [customFilter, tagFilter({ path: 'contacts', idColumn: 'contact_id' })],
  ...fromFields(CONTACT_FIELDS),
  filterKeys: {
    email: { column: 'email_key', key: (v) => v.toLowerCase() },
    last_name: { column: 'last_name_key', key: nameKey },
    first_name: { column: 'first_name_key', key: nameKey },
  },
  sortKeys: { last_name: 'last_name_key', first_name: 'first_name_key' },
  defaultSort: 'last_name,first_name',
  // q also matches the contact's company name
  search: {
    joins: [{ table: 'companies', localColumn: 'company_id' }],
    names: ['last_name_key', 'first_name_key'],
    phones: true,
  },
  ownerField: 'owner_id',
  relations: [
    { field: 'company_id', table: 'companies', idColumn: 'company_id', label: 'company' },
    { field: 'owner_id', table: 'users', idColumn: 'user_id', label: 'user' },
  ],
  references: [
    { resource: 'opportunities', table: 'opportunities', column: 'contact_id' },
    { resource: 'interactions', table: 'interactions', column: 'contact_id' },
    { resource: 'tasks', table: 'tasks', column: 'contact_id' },
  ],
  async prepare(values, existing, ctx) {
    const merged: Row = { ...(existing ?? {}), ...values };
    if (NAME_FIELDS.every((f) => merged[f] === null || merged[f] === undefined)) {
      throw badRequest(
        NAME_FIELDS.map((field) => ({
          field,
          code: 'required_one_of',
          message: 'at least one of first_name, last_name, email is required',
          fields: [...NAME_FIELDS],
        })),
      );
    }
    const out: Values = { ...values };
    // extra phones and emails: tidied, then no address or number twice on the contact (ADR 014)
    if ('phones' in values) out.phones = listValue(tidyPhones(storedList(values.phones)));
    if ('emails' in values) out.emails = listValue(tidyEmails(storedList(values.emails)));
    if ('phones' in values || 'emails' in values || 'email' in values || 'phone' in values)
      checkChannels({ ...merged, ...out });
    for (const f of ['first_name', 'last_name'] as const)
      if (f in values) out[`${f}_key`] = nameKey(values[f] as string | null);
    if ('email' in values) out.email_key = (values.email as string | null)?.toLowerCase() ?? null;
    // the number as typed stays what `phone` shows; phone_key is what it is looked up by
    if ('phone' in values) out.phone_key = phoneKey(values.phone as string | null);
    if (existing === null || SEARCHED.some((f) => f in values)) {
      const all: Row = { ...merged, ...out };
      const extraEmails = storedList<{ email: string }>(all.emails).map((e) => e.email);
      const extraPhones = storedList<{ number: string }>(all.phones).map((p) => p.number);
      const words = [
        all.first_name,
        all.last_name,
        all.email,
        all.job_title,
        all.city,
        ...extraEmails,
        ...(await customWords(ctx.trx, contacts, merged.custom_fields)),
      ];
      out.search_text = searchText(
        words as (string | null)[],
        [all.phone as string | null, ...extraPhones],
        defaultCountry(),
        CONTACT_SEARCH_TEXT_MAX,
      );
    }
    return out;
  },
  // every email and phone key of the contact in its index tables (contact_emails: one contact an address)
  async afterWrite(before, after, ctx) {
    // a create comes through afterCreateMany (one statement for an import's batch)
    if (before === null) return;
    await syncChannels(ctx.trx, Number((before ?? after)?.contact_id), before, after);
  },
  afterCreateMany: (created, ctx) => addChannels(ctx.trx, ctx.dialect, created),
  onDuplicate: duplicateChannel,
};

/** a list as its column keeps it: JSON, NULL when empty (server/crud/convert.ts) */
const listValue = (items: unknown[]) => (items.length > 0 ? JSON.stringify(items) : null);
