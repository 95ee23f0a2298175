// The column headers of a CSV export a person opens in a spreadsheet, in French and English: one
// list for the server's full export (server/exports/columns.ts) and the web app's export of the
// selected rows, so both files read the same. Each header is one the importer recognises
// (server/imports/mapping.ts), so such a file can be imported back as it is.

export const EXPORT_LANGUAGES = ['fr', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

type Label = Record<ExportLanguage, string>;

const ID: Label = { fr: 'ID', en: 'ID' };
const OWNER: Label = { fr: 'Responsable', en: 'Owner' };
const COMPANY: Label = { fr: 'Entreprise', en: 'Company' };

/** per entity, column → its header; the owner's column holds the owner's name (or email), not an ID */
export const EXPORT_HEADERS = {
  contacts: {
    contact_id: ID,
    first_name: { fr: 'Prénom', en: 'First name' },
    last_name: { fr: 'Nom', en: 'Last name' },
    email: { fr: 'E-mail', en: 'Email' },
    phone: { fr: 'Téléphone', en: 'Phone' },
    company_name: COMPANY,
    owner: OWNER,
    created_at: { fr: 'Créé le', en: 'Created' },
    updated_at: { fr: 'Modifié le', en: 'Updated' },
  },
  companies: {
    company_id: ID,
    company_name: { fr: 'Nom', en: 'Name' },
    industry: { fr: 'Secteur', en: 'Industry' },
    website: { fr: 'Site web', en: 'Website' },
    owner: OWNER,
    created_at: { fr: 'Créée le', en: 'Created' },
    updated_at: { fr: 'Modifiée le', en: 'Updated' },
  },
  opportunities: {
    opportunity_id: ID,
    opportunity_name: { fr: 'Nom', en: 'Name' },
    contact_email: { fr: 'E-mail du contact', en: 'Contact email' },
    company_name: COMPANY,
    deal_value: { fr: 'Montant', en: 'Value' },
    stage: { fr: 'Étape', en: 'Stage' },
    expected_close_date: { fr: 'Clôture prévue', en: 'Expected close date' },
    owner: OWNER,
    closed_at: { fr: 'Clôturée le', en: 'Closed on' },
    lost_reason: { fr: 'Raison de la perte', en: 'Reason for the loss' },
    created_at: { fr: 'Créée le', en: 'Created' },
    updated_at: { fr: 'Modifiée le', en: 'Updated' },
  },
} as const satisfies Record<string, Record<string, Label>>;

export type ExportEntity = keyof typeof EXPORT_HEADERS;
export type ExportColumn<E extends ExportEntity> = keyof (typeof EXPORT_HEADERS)[E];

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
