// The column headers of a CSV export a person opens in a spreadsheet, in French and English: one
// list for the server's full export (server/exports/columns.ts) and the web app's export of the
// selected rows, so both files read the same. Each header is one the importer recognises
// (server/imports/mapping.ts), so such a file can be imported back as it is.

import { formatChannels } from './channels.js';
import { type Fields, isStructured } from './fields.js';
import { RECORD_FIELDS } from './record-fields.js';

export const EXPORT_LANGUAGES = ['fr', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

type Label = Record<ExportLanguage, string>;

/** The columns a record's export has besides its own fields: the names its IDs point at. */
const LOOKUPS = {
  company_name: { fr: 'Entreprise', en: 'Company' },
  contact_email: { fr: 'E-mail du contact', en: 'Contact email' },
  owner: { fr: 'Responsable', en: 'Owner' },
} as const satisfies Record<string, Label>;

/**
 * A record's own fields are exported under their labels (shared/record-fields.ts); the IDs of
 * other records and of the owner are named instead (LOOKUPS), the IDs staying in the technical
 * layout only (server/exports/columns.ts).
 */
function headersOf(fields: Fields, lookups: (keyof typeof LOOKUPS)[]): Record<string, Label> {
  // lists and maps (custom fields) have columns of their own; tags are one cell of names joined
  // by ", " (which the importer splits again); a contact's extra phones and emails are one column
  // each, "mobile: 06 12 34 56 78; home: …" (channelsCell)
  const own = Object.entries(fields).filter(
    ([k, f]) =>
      f.kind !== 'user' &&
      (f.kind !== 'id' || !f.input) &&
      (!isStructured(f.kind) || k === 'tags' || k in CHANNEL_FIELDS),
  );
  return {
    ...Object.fromEntries(own.map(([k, f]) => [k, f.label])),
    ...Object.fromEntries(lookups.map((k) => [k, LOOKUPS[k]])),
  };
}

/** the lists of a contact written as one cell each, and the key of each item's value */
export const CHANNEL_FIELDS = { phones: 'number', emails: 'email' } as const;

/** A contact's extra phones or emails as one cell the importer reads back (shared/channels.ts). */
export function channelsCell(field: keyof typeof CHANNEL_FIELDS, items: unknown): string | null {
  if (!Array.isArray(items) || items.length === 0) return null;
  const key = CHANNEL_FIELDS[field];
  return formatChannels((items as Record<string, string>[]).map((i) => ({ label: i.label, value: i[key] })));
}

/** per entity, column → its header; the owner's column holds the owner's name (or email), not an ID */
export const EXPORT_HEADERS = {
  contacts: headersOf(RECORD_FIELDS.contacts, ['company_name', 'owner']),
  companies: headersOf(RECORD_FIELDS.companies, ['owner']),
  opportunities: headersOf(RECORD_FIELDS.opportunities, ['contact_email', 'company_name', 'owner']),
};

export type ExportEntity = keyof typeof EXPORT_HEADERS;
export type ExportColumn<E extends ExportEntity> = keyof (typeof RECORD_FIELDS)[E] | keyof typeof LOOKUPS;

/** The headers of these columns in that language ("fr-CA" reads as French, anything else as English). */
export function exportHeaders<E extends ExportEntity>(
  entity: E,
  columns: readonly ExportColumn<E>[],
  language: string,
): string[] {
  const lang: ExportLanguage = language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const labels = EXPORT_HEADERS[entity] as Record<ExportColumn<E>, Label>;
  return columns.map((c) => labels[c][lang]);
}
