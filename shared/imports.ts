// What an import can fill, shared by the server (which reads the file into these fields) and the
// web app (whose mapping table offers them, each translated as `f_<field>`, or under the field's
// own label for the fields declared in record-fields.ts).
import { type Fields, isStructured } from './fields.js';
import { RECORD_FIELDS } from './record-fields.js';

/** The kinds of records a file can be imported as. */
export const IMPORT_ENTITIES = ['contacts', 'companies', 'opportunities'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/**
 * The fields of a record a file fills as they are: the writable ones but the IDs (a file names
 * companies and contacts, it does not know their IDs) and the fields the importer reads its own
 * way (`IMPORT_OWN`).
 */
const plain = (fields: Fields, own: readonly string[]) =>
  Object.entries(fields)
    .filter(
      ([k, f]) =>
        f.input &&
        f.kind !== 'id' &&
        f.kind !== 'user' &&
        // a cell of tags is split into names (shared/tags.ts splitTagCell); other lists have columns of their own
        (!isStructured(f.kind) || k === 'tags') &&
        !own.includes(k),
    )
    .map(([k]) => k);

/**
 * The fields the importer reads its own way, first in the mapping table: names split from a full
 * name, emails and phones tidied, companies and contacts found by name or email, amounts and dates
 * in the usual notations, stages across languages, notes kept as an interaction.
 */
export const IMPORT_OWN = {
  contacts: ['first_name', 'last_name', 'full_name', 'email', 'phone', 'company_name', 'notes'],
  companies: ['company_name', 'industry', 'website'],
  opportunities: [
    'opportunity_name',
    'deal_value',
    'stage',
    'expected_close_date',
    'company_name',
    'contact_email',
  ],
} as const satisfies Record<ImportEntity, readonly string[]>;

/**
 * A contact's extra phones and emails, read their own way too: a cell of "mobile: 06 12 34 56 78;
 * home: …" (shared/channels.ts), and every phone or email column after the first (server/imports/mapping.ts).
 */
export const IMPORT_CHANNELS = ['phones', 'emails'] as const;

/** The fields a file can fill, per entity. Names, companies and contacts are found by name or email. */
export const IMPORT_TARGETS: Record<ImportEntity, readonly string[]> = {
  // last, so that the columns of vCard jobs stored before them keep their places (server/imports/row-cells.ts)
  contacts: [
    ...IMPORT_OWN.contacts,
    ...plain(RECORD_FIELDS.contacts, IMPORT_OWN.contacts),
    ...IMPORT_CHANNELS,
  ],
  companies: [...IMPORT_OWN.companies, ...plain(RECORD_FIELDS.companies, IMPORT_OWN.companies)],
  opportunities: [
    ...IMPORT_OWN.opportunities,
    ...plain(RECORD_FIELDS.opportunities, IMPORT_OWN.opportunities),
  ],
};
